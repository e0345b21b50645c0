# SNAT to one address and one port: two clients with the same source port, and a client reusing its own port
ip netns add c1
ip netns add c2
ip netns add gw
ip netns add srv
ip -n gw link add v1 type veth peer name eth0 netns c1
ip -n gw link add v2 type veth peer name eth0 netns c2
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.175.1.1/24 dev v1
ip -n gw addr add 10.175.3.1/24 dev v2
ip -n gw addr add 10.175.2.1/24 dev s0
ip -n gw link set v1 up
ip -n gw link set v2 up
ip -n gw link set s0 up
ip -n c1 addr add 10.175.1.2/24 dev eth0
ip -n c2 addr add 10.175.3.2/24 dev eth0
ip -n srv addr add 10.175.2.2/24 dev eth0
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip -n srv link set eth0 up
ip -n c1 route add default via 10.175.1.1
ip -n c2 route add default via 10.175.3.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec srv nc -lk 80 &
ip netns exec srv nc -lk 81 &
ip netns exec gw iptables -t nat -A POSTROUTING -o s0 -p tcp -j SNAT --to-source 10.175.2.1:40000
ip netns exec c1 nc -z -w 1 -p 40000 10.175.2.2 80
ip netns exec c2 nc -z -w 1 -p 40000 10.175.2.2 80
ip netns exec c2 nc -z -w 1 -p 40001 10.175.2.2 80
ip netns exec c2 nc -z -w 1 -p 40000 10.175.2.2 81
ip netns exec c1 nc -z -w 1 -p 40000 10.175.2.2 80
ip netns exec c1 nc -z -w 1 -p 40005 10.175.2.2 81
ip netns exec c1 nc -z -w 1 -p 40005 10.175.2.2 81
ip netns exec gw iptables -t nat -R POSTROUTING 1 -o s0 -p tcp -j SNAT --to-source 10.175.2.1:40000-40001
ip netns exec c1 nc -z -w 1 -p 41000 10.175.2.2 80
ip netns exec c2 nc -z -w 1 -p 41000 10.175.2.2 80
ip netns exec c2 nc -z -w 1 -p 41001 10.175.2.2 80
ip netns exec gw iptables -t nat -R POSTROUTING 1 -o s0 -p tcp -j SNAT --to-source 10.175.2.1
ip netns exec c1 nc -z -w 1 -p 42000 10.175.2.2 80
ip netns exec c2 nc -z -w 1 -p 42000 10.175.2.2 80
