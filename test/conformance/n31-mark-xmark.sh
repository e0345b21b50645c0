# MARK --set-xmark/--or-mark/--and-mark/--xor-mark in mangle PREROUTING steering a later filter rule; CONNMARK
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.185.1.1/24 dev c0
ip -n gw addr add 10.185.2.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 10.185.1.2/24 dev eth0
ip -n srv addr add 10.185.2.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.185.1.1
ip -n srv route add default via 10.185.2.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec srv nc -lk 80 &
ip netns exec srv nc -lk 443 &
ip netns exec gw iptables -A FORWARD -m mark --mark 0x10/0xf0 -j DROP
ip netns exec gw iptables -t mangle -A PREROUTING -i c0 -p tcp --dport 80 -j MARK --set-xmark 0x10/0xff
ip netns exec cli nc -z -w 1 10.185.2.2 80
ip netns exec cli nc -z -w 1 10.185.2.2 443
ip netns exec gw iptables -t mangle -A PREROUTING -i c0 -p tcp --dport 80 -j MARK --xor-mark 0x30
ip netns exec cli nc -z -w 1 10.185.2.2 80
ip netns exec gw iptables -t mangle -A PREROUTING -i c0 -p tcp --dport 80 -j MARK --and-mark 0x1f
ip netns exec cli nc -z -w 1 10.185.2.2 80
ip netns exec gw iptables -t mangle -F PREROUTING
ip netns exec gw iptables -t mangle -A PREROUTING -i c0 -p tcp --dport 443 -j MARK --or-mark 0x11
ip netns exec cli nc -z -w 1 10.185.2.2 443
ip netns exec gw iptables -R FORWARD 1 -m mark ! --mark 0x0 -j DROP
ip netns exec cli nc -z -w 1 10.185.2.2 80
ip netns exec cli nc -z -w 1 10.185.2.2 443
ip netns exec gw iptables -t mangle -F PREROUTING
ip netns exec gw iptables -F FORWARD
ip netns exec gw iptables -t mangle -A PREROUTING -i c0 -p tcp --dport 443 -j CONNMARK --set-mark 0x7
ip netns exec gw iptables -A FORWARD -i s0 -m connmark --mark 0x7 -j DROP
ip netns exec cli nc -z -w 1 10.185.2.2 443
ip netns exec cli nc -z -w 1 10.185.2.2 80
ip netns exec gw iptables -R FORWARD 1 -i s0 -m mark --mark 0x7 -j DROP
ip netns exec cli nc -z -w 1 10.185.2.2 443
ip netns exec gw iptables -t mangle -A PREROUTING -i s0 -j CONNMARK --restore-mark
ip netns exec cli nc -z -w 1 10.185.2.2 443
ip netns exec gw iptables -t mangle -A PREROUTING -j MARK --set-xmark 0x1/0x1/0x1
ip netns exec gw iptables -A FORWARD -j MARK --set-mark 1
