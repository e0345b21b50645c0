# raw NOTRACK: -m state --state UNTRACKED, NAT rules never see untracked packets, NOTRACK in raw OUTPUT
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.186.1.1/24 dev c0
ip -n gw addr add 10.186.2.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 10.186.1.2/24 dev eth0
ip -n srv addr add 10.186.2.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.186.1.1
ip -n srv route add default via 10.186.2.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec srv nc -lk 80 &
ip netns exec gw iptables -t nat -A PREROUTING -i c0 -p tcp --dport 8080 -j DNAT --to-destination 10.186.2.2:80
ip netns exec cli nc -z -w 1 10.186.1.1 8080
ip netns exec gw iptables -t raw -A PREROUTING -p tcp --dport 8080 -j NOTRACK
ip netns exec cli nc -z -w 1 10.186.1.1 8080
ip netns exec gw iptables -t raw -F PREROUTING
ip netns exec gw iptables -t raw -A PREROUTING -p icmp -j NOTRACK
ip netns exec gw iptables -P FORWARD DROP
ip netns exec gw iptables -A FORWARD -m state --state ESTABLISHED,NEW -j ACCEPT
ip netns exec cli ping -c 1 -W 1 10.186.2.2
ip netns exec gw iptables -A FORWARD -m state --state UNTRACKED -j ACCEPT
ip netns exec cli ping -c 1 -W 1 10.186.2.2
ip netns exec cli nc -z -w 1 10.186.2.2 80
ip netns exec gw iptables -t nat -A POSTROUTING -o s0 -j MASQUERADE
ip netns exec srv iptables -A INPUT -s 10.186.1.2 -j DROP
ip netns exec cli ping -c 1 -W 1 10.186.2.2
ip netns exec cli nc -z -w 1 10.186.2.2 80
ip netns exec gw iptables -t raw -A OUTPUT -p icmp -j NOTRACK
ip netns exec gw iptables -A OUTPUT -m state --state NEW -p icmp -j DROP
ip netns exec gw ping -c 1 -W 1 10.186.2.2
ip netns exec gw iptables -t raw -F OUTPUT
ip netns exec gw ping -c 1 -W 1 10.186.2.2
ip netns exec gw iptables -t raw -A OUTPUT -j CT --notrack
ip netns exec gw iptables -t raw -A OUTPUT -j CT --zone 1
ip netns exec gw iptables -t raw -A FORWARD -j NOTRACK
ip netns exec gw iptables -t filter -A INPUT -j CT --notrack
ip netns exec gw iptables -t raw -S
