# REJECT variants seen by ping and nc: port/host/net unreachable, admin prohibited, tcp-reset, DROP
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.110.1.1/24 dev c0
ip -n gw addr add 10.110.2.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 10.110.1.2/24 dev eth0
ip -n srv addr add 10.110.2.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.110.1.1
ip -n srv route add default via 10.110.2.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec gw sysctl -w net.ipv4.icmp_ratelimit=0
ip netns exec srv nc -lk 80 &
ip netns exec gw iptables -A FORWARD -d 10.110.2.2 -j REJECT
ip netns exec cli ping -c 1 -W 1 10.110.2.2
ip netns exec cli nc -z -w 1 10.110.2.2 80
ip netns exec gw iptables -R FORWARD 1 -d 10.110.2.2 -j REJECT --reject-with icmp-host-unreachable
ip netns exec cli ping -c 1 -W 1 10.110.2.2
ip netns exec cli nc -z -w 1 10.110.2.2 80
ip netns exec gw iptables -R FORWARD 1 -d 10.110.2.2 -j REJECT --reject-with icmp-net-unreachable
ip netns exec cli ping -c 1 -W 1 10.110.2.2
ip netns exec cli nc -z -w 1 10.110.2.2 80
ip netns exec gw iptables -R FORWARD 1 -d 10.110.2.2 -j REJECT --reject-with icmp-admin-prohibited
ip netns exec cli ping -c 1 -W 1 10.110.2.2
ip netns exec cli nc -z -w 1 10.110.2.2 80
ip netns exec gw iptables -R FORWARD 1 -d 10.110.2.2 -j REJECT --reject-with tcp-reset
ip netns exec gw iptables -R FORWARD 1 -d 10.110.2.2 -p tcp -j REJECT --reject-with tcp-reset
ip netns exec cli ping -c 1 -W 1 10.110.2.2
ip netns exec cli nc -z -w 1 10.110.2.2 80
ip netns exec gw iptables -R FORWARD 1 -d 10.110.2.2 -j REJECT --reject-with icmp-bogus
ip netns exec gw iptables -t nat -A PREROUTING -j REJECT
ip netns exec gw iptables -A INPUT -p icmp -j REJECT --reject-with icmp-host-prohibited
ip netns exec cli ping -c 1 -W 1 10.110.1.1
ip -n gw link set lo up
ip netns exec gw iptables -D INPUT 1
ip netns exec gw iptables -A OUTPUT -p icmp --icmp-type echo-request -j REJECT
ip netns exec gw ping -c 1 -W 1 10.110.2.2
ip netns exec gw iptables -D FORWARD 1
ip netns exec cli nc -z -w 1 10.110.2.2 80
