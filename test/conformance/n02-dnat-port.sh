# DNAT in PREROUTING: publish a server port under another port, to another host and to the gateway itself
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 203.0.113.1/24 dev c0
ip -n gw addr add 10.70.0.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 203.0.113.50/24 dev eth0
ip -n srv addr add 10.70.0.10/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n srv route add default via 10.70.0.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec srv nc -lk 8080 &
ip netns exec gw nc -lk 2222 &
ip netns exec cli nc -z -w 1 203.0.113.1 80
ip netns exec cli nc -z -w 1 10.70.0.10 8080
ip netns exec gw iptables -t nat -A PREROUTING -i c0 -p tcp --dport 80 -j DNAT --to-destination 10.70.0.10:8080
ip netns exec cli nc -z -w 1 203.0.113.1 80
ip netns exec cli nc -z -w 1 203.0.113.1 81
ip netns exec cli nc -z -w 1 203.0.113.1 8080
ip netns exec gw nc -z -w 1 203.0.113.1 80
ip netns exec gw iptables -t nat -A PREROUTING -i c0 -p tcp --dport 22 -j DNAT --to-destination 203.0.113.1:2222
ip netns exec cli nc -z -w 1 203.0.113.1 22
ip netns exec gw iptables -t nat -A PREROUTING -i c0 -p tcp --dport 23 -j REDIRECT --to-ports 2222
ip netns exec cli nc -z -w 1 203.0.113.1 23
ip netns exec gw iptables -t nat -A PREROUTING -i c0 -p tcp --dport 8000:8009 -j DNAT --to-destination 10.70.0.10:8080
ip netns exec cli nc -z -w 1 203.0.113.1 8005
ip netns exec cli nc -z -w 1 203.0.113.1 8010
ip netns exec gw iptables -t nat -D PREROUTING -i c0 -p tcp --dport 80 -j DNAT --to-destination 10.70.0.10:8080
ip netns exec cli nc -z -w 1 203.0.113.1 80
ip netns exec gw iptables -t nat -D PREROUTING -i c0 -p tcp --dport 80 -j DNAT --to-destination 10.70.0.10:8080
ip netns exec gw sysctl -w net.ipv4.ip_forward=0
ip netns exec cli nc -z -w 1 203.0.113.1 8005
ip netns exec cli nc -z -w 1 203.0.113.1 22
