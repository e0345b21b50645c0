# User chains: -j returns to the caller, -g (goto) returns to the caller's caller, RETURN, rename, -X
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.120.1.1/24 dev c0
ip -n gw addr add 10.120.2.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 10.120.1.2/24 dev eth0
ip -n srv addr add 10.120.2.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.120.1.1
ip -n srv route add default via 10.120.2.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec srv nc -lk 80 &
ip netns exec srv nc -lk 22 &
ip netns exec gw iptables -P FORWARD DROP
ip netns exec gw iptables -N CHK
ip netns exec gw iptables -A CHK -p icmp -j RETURN
ip netns exec gw iptables -A CHK -p tcp --dport 22 -j DROP
ip netns exec gw iptables -A FORWARD -j CHK
ip netns exec gw iptables -A FORWARD -j ACCEPT
ip netns exec cli ping -c 1 -W 1 10.120.2.2
ip netns exec cli nc -z -w 1 10.120.2.2 80
ip netns exec cli nc -z -w 1 10.120.2.2 22
ip netns exec gw iptables -R FORWARD 1 -g CHK
ip netns exec cli ping -c 1 -W 1 10.120.2.2
ip netns exec cli nc -z -w 1 10.120.2.2 80
ip netns exec gw iptables -N OUTER
ip netns exec gw iptables -A OUTER -g CHK
ip netns exec gw iptables -A OUTER -j DROP
ip netns exec gw iptables -R FORWARD 1 -j OUTER
ip netns exec cli ping -c 1 -W 1 10.120.2.2
ip netns exec gw iptables -R OUTER 1 -j CHK
ip netns exec cli ping -c 1 -W 1 10.120.2.2
ip netns exec gw iptables -E CHK CHECKS
ip netns exec gw iptables -D CHECKS 1
ip netns exec cli ping -c 1 -W 1 10.120.2.2
ip netns exec gw iptables -X CHECKS
ip netns exec gw iptables -A FORWARD -g NOPE
ip netns exec gw iptables -I FORWARD -p icmp -j RETURN
ip netns exec cli ping -c 1 -W 1 10.120.2.2
