# MASQUERADE picks the source the route would use: the primary address of the out interface, or a route's src
ip netns add cli
ip netns add gw
ip netns add wan
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add w0 type veth peer name eth0 netns wan
ip -n gw addr add 10.176.1.1/24 dev c0
ip -n gw addr add 100.66.0.1/24 dev w0
ip -n gw addr add 100.66.9.1/24 dev w0
ip -n gw link set c0 up
ip -n gw link set w0 up
ip -n cli addr add 10.176.1.2/24 dev eth0
ip -n cli link set eth0 up
ip -n cli route add default via 10.176.1.1
ip -n wan addr add 100.66.0.2/24 dev eth0
ip -n wan link set eth0 up
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec wan nc -lk 80 &
ip netns exec gw iptables -t nat -A POSTROUTING -o w0 -j MASQUERADE
ip netns exec cli nc -z -w 1 100.66.0.2 80
ip netns exec cli ping -c 1 -W 1 100.66.0.2
ip -n gw route add 100.66.5.0/24 dev w0 src 100.66.9.1
ip -n wan addr add 100.66.5.2/24 dev eth0
ip netns exec cli nc -z -w 1 100.66.5.2 80
ip -n wan route add 100.66.9.0/24 dev eth0
ip netns exec cli nc -z -w 1 100.66.5.2 80
ip -n gw addr del 100.66.0.1/24 dev w0
ip netns exec cli nc -z -w 1 100.66.0.2 80
ip -n gw addr add 100.66.0.1/24 dev w0
ip -n gw route add 100.66.0.2/32 dev w0 src 100.66.9.1
ip netns exec cli nc -z -w 1 100.66.0.2 80
ip -n wan route del 100.66.9.0/24 dev eth0
ip netns exec cli nc -z -w 1 100.66.0.2 80
ip -n gw route del 100.66.0.2/32 dev w0 src 100.66.9.1
ip netns exec cli nc -z -w 1 100.66.0.2 80
ip -n gw addr flush dev w0
ip netns exec cli nc -z -w 1 100.66.0.2 80
ip netns exec cli ping -c 1 -W 1 100.66.0.2
