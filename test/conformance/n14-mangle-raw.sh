# mangle MARK --set-mark matched by -m mark in filter; raw NOTRACK / CT --notrack and the UNTRACKED state
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.170.1.1/24 dev c0
ip -n gw addr add 10.170.2.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 10.170.1.2/24 dev eth0
ip -n srv addr add 10.170.2.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.170.1.1
ip -n srv route add default via 10.170.2.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec srv nc -lk 80 &
ip netns exec srv nc -lk 443 &
ip netns exec gw iptables -t mangle -A PREROUTING -i c0 -p tcp --dport 80 -j MARK --set-mark 0x1
ip netns exec gw iptables -A FORWARD -m mark --mark 0x1 -j DROP
ip netns exec cli nc -z -w 1 10.170.2.2 80
ip netns exec cli nc -z -w 1 10.170.2.2 443
ip netns exec gw iptables -t mangle -R PREROUTING 1 -i c0 -p tcp --dport 80 -j MARK --set-mark 0x3
ip netns exec cli nc -z -w 1 10.170.2.2 80
ip netns exec gw iptables -R FORWARD 1 -m mark --mark 0x1/0x1 -j DROP
ip netns exec cli nc -z -w 1 10.170.2.2 80
ip netns exec gw iptables -F FORWARD
ip netns exec gw iptables -P FORWARD DROP
ip netns exec gw iptables -A FORWARD -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ip netns exec cli ping -c 1 -W 1 10.170.2.2
ip netns exec gw iptables -t raw -A PREROUTING -p icmp -j NOTRACK
ip netns exec cli ping -c 1 -W 1 10.170.2.2
ip netns exec cli nc -z -w 1 10.170.2.2 443
ip netns exec gw iptables -A FORWARD -m conntrack --ctstate UNTRACKED -j ACCEPT
ip netns exec cli ping -c 1 -W 1 10.170.2.2
ip netns exec gw iptables -t raw -R PREROUTING 1 -p tcp --dport 443 -j CT --notrack
ip netns exec cli nc -z -w 1 10.170.2.2 443
ip netns exec gw iptables -D FORWARD 2
ip netns exec cli nc -z -w 1 10.170.2.2 443
ip netns exec cli ping -c 1 -W 1 10.170.2.2
ip netns exec gw iptables -t raw -A INPUT -j NOTRACK
ip netns exec gw iptables -A FORWARD -j NOTRACK
ip netns exec gw iptables -t mangle -A FORWARD -m mark --mark 0xzz -j ACCEPT
