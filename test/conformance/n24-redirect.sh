# REDIRECT: in PREROUTING to the incoming interface's primary address, in OUTPUT to 127.0.0.1; errors
ip netns add cli
ip netns add gw
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw addr add 10.178.0.1/24 dev c0
ip -n gw link set c0 up
ip -n cli addr add 10.178.0.2/24 dev eth0
ip -n cli link set eth0 up
ip -n cli route add default via 10.178.0.1
ip -n gw link set lo up
ip netns exec gw nc -lk 10.178.0.1 3128 &
ip netns exec gw nc -lk 127.0.0.1 3129 &
ip netns exec gw iptables -t nat -A PREROUTING -i c0 -p tcp --dport 80 -j REDIRECT --to-ports 3128
ip netns exec cli nc -z -w 1 192.0.2.80 80
ip netns exec cli nc -z -w 1 10.178.0.1 80
ip netns exec cli nc -z -w 1 192.0.2.80 81
ip netns exec gw iptables -t nat -R PREROUTING 1 -i c0 -p tcp --dport 80 -j REDIRECT --to-ports 3129
ip netns exec cli nc -z -w 1 192.0.2.80 80
ip netns exec gw iptables -t nat -A OUTPUT -p tcp --dport 80 -j REDIRECT --to-ports 3129
ip netns exec gw nc -z -w 1 192.0.2.80 80
ip netns exec gw ip route add default dev c0
ip netns exec gw nc -z -w 1 192.0.2.80 80
ip netns exec gw nc -z -w 1 10.178.0.1 80
ip netns exec gw iptables -t nat -R OUTPUT 1 -p tcp --dport 80 -j REDIRECT --to-ports 3128
ip netns exec gw nc -z -w 1 192.0.2.80 80
ip netns exec gw iptables -t nat -R OUTPUT 1 -p tcp --dport 3128 -j REDIRECT
ip netns exec gw nc -z -w 1 10.178.0.1 3128
ip netns exec gw iptables -t nat -F PREROUTING
ip netns exec gw iptables -t nat -A PREROUTING -i c0 -p tcp --dport 3128 -j REDIRECT
ip netns exec cli nc -z -w 1 10.178.0.1 3128
ip netns exec gw iptables -t nat -A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 3128-3127
ip netns exec gw iptables -t nat -A PREROUTING -j REDIRECT --to-ports 3128
ip netns exec gw iptables -A INPUT -p tcp -j REDIRECT --to-ports 3128
ip netns exec gw iptables -t nat -A POSTROUTING -p tcp -j REDIRECT --to-ports 3128
ip netns exec gw iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 0
ip netns exec gw iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-port 3128
ip netns exec gw iptables -t nat -S
