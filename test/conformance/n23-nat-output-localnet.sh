# DNAT to 127.0.0.1: from nat OUTPUT it works, from PREROUTING only with route_localnet=1
ip netns add host
ip netns add cli
ip -n host link add v0 type veth peer name eth0 netns cli
ip -n host addr add 10.177.0.1/24 dev v0
ip -n host link set v0 up
ip -n cli addr add 10.177.0.2/24 dev eth0
ip -n cli link set eth0 up
ip netns exec cli nc -lk 127.0.0.1 7000 &
ip -n cli link set lo up
ip netns exec cli nc -z -w 1 127.0.0.1 7000
ip -n host link set lo up
ip netns exec host nc -lk 127.0.0.1 9000 &
ip netns exec host nc -z -w 1 127.0.0.1 9000
ip netns exec host nc -z -w 1 10.177.0.1 9000
ip netns exec host iptables -t nat -A OUTPUT -p tcp --dport 8000 -j DNAT --to-destination 127.0.0.1:9000
ip netns exec host nc -z -w 1 10.177.0.1 8000
ip netns exec host nc -z -w 1 10.177.0.2 8000
ip netns exec host iptables -t nat -A PREROUTING -p tcp --dport 8000 -j DNAT --to-destination 127.0.0.1:9000
ip netns exec cli nc -z -w 1 10.177.0.1 8000
ip netns exec host sysctl -w net.ipv4.conf.v0.route_localnet=1
ip netns exec cli nc -z -w 1 10.177.0.1 8000
ip netns exec host sysctl -w net.ipv4.conf.v0.route_localnet=0
ip netns exec host sysctl -w net.ipv4.conf.all.route_localnet=1
ip netns exec cli nc -z -w 1 10.177.0.1 8000
ip netns exec host sysctl -w net.ipv4.conf.all.route_localnet=0
ip netns exec host iptables -t nat -R PREROUTING 1 -p tcp --dport 8000 -j DNAT --to-destination 127.0.0.2:9000
ip netns exec cli nc -z -w 1 10.177.0.1 8000
ip netns exec host iptables -t nat -R OUTPUT 1 -p tcp --dport 8000 -j DNAT --to-destination 127.0.0.2:9000
ip netns exec host nc -z -w 1 10.177.0.1 8000
ip netns exec host iptables -t nat -R OUTPUT 1 -p tcp --dport 8000 -j DNAT --to-destination 10.177.0.1:9000
ip netns exec host nc -z -w 1 127.0.0.1 8000
ip netns exec host nc -lk 9001 &
ip netns exec host iptables -t nat -R OUTPUT 1 -p tcp --dport 8000 -j DNAT --to-destination 10.177.0.1:9001
ip netns exec host nc -z -w 1 127.0.0.1 8000
ip netns exec host nc -z -w 1 10.177.0.1 8000
