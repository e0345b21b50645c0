# Hairpin NAT: a container reaching its own published port through the host IP needs hairpin + MASQUERADE
ip netns add host
ip netns add c1
ip netns add c2
ip netns add ext
ip -n host link add br0 type bridge
ip -n host addr add 172.20.0.1/24 dev br0
ip -n host link set br0 up
ip -n host link add v1 type veth peer name eth0 netns c1
ip -n host link add v2 type veth peer name eth0 netns c2
ip -n host link set v1 master br0
ip -n host link set v2 master br0
ip -n host link set v1 up
ip -n host link set v2 up
ip -n c1 addr add 172.20.0.2/24 dev eth0
ip -n c2 addr add 172.20.0.3/24 dev eth0
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip -n c1 route add default via 172.20.0.1
ip -n c2 route add default via 172.20.0.1
ip -n host link add e0 type veth peer name eth0 netns ext
ip -n host addr add 10.100.0.1/24 dev e0
ip -n host link set e0 up
ip -n ext addr add 10.100.0.2/24 dev eth0
ip -n ext link set eth0 up
ip netns exec host sysctl -w net.ipv4.ip_forward=1
ip netns exec c1 nc -lk 80 &
ip netns exec host iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -p tcp --dport 8080 -j DNAT --to-destination 172.20.0.2:80
ip netns exec ext nc -z -w 1 10.100.0.1 8080
ip netns exec c2 nc -z -w 1 10.100.0.1 8080
ip netns exec c2 nc -z -w 1 172.20.0.1 8080
ip netns exec c1 nc -z -w 1 10.100.0.1 8080
ip netns exec host bridge link set dev v1 hairpin on
ip netns exec c1 nc -z -w 1 10.100.0.1 8080
ip netns exec host iptables -t nat -A POSTROUTING -s 172.20.0.2 -d 172.20.0.2 -p tcp --dport 80 -j MASQUERADE
ip netns exec c1 nc -z -w 1 10.100.0.1 8080
ip netns exec c1 nc -z -w 1 172.20.0.1 8080
ip netns exec host bridge link set dev v1 hairpin off
ip netns exec c1 nc -z -w 1 10.100.0.1 8080
ip netns exec c2 nc -z -w 1 10.100.0.1 8080
