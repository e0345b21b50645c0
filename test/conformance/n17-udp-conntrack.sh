# UDP through a stateful FORWARD: nc -zuv reports 1 only when an ICMP port unreachable comes back
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.171.1.1/24 dev c0
ip -n gw addr add 10.171.2.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 10.171.1.2/24 dev eth0
ip -n srv addr add 10.171.2.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.171.1.1
ip -n srv route add default via 10.171.2.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec srv nc -luk 5353 &
ip netns exec cli nc -zuv -w 1 10.171.2.2 5353
ip netns exec cli nc -zuv -w 1 10.171.2.2 5354
ip netns exec cli nc -zu -w 1 10.171.2.2 5354
ip netns exec srv nc -zuv -w 1 10.171.1.2 9999
ip netns exec gw iptables -P FORWARD DROP
ip netns exec cli nc -zuv -w 1 10.171.2.2 5354
ip netns exec gw iptables -A FORWARD -i c0 -p udp -m conntrack --ctstate NEW -j ACCEPT
ip netns exec cli nc -zuv -w 1 10.171.2.2 5354
ip netns exec gw iptables -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT
ip netns exec cli nc -zuv -w 1 10.171.2.2 5354
ip netns exec gw iptables -A FORWARD -m conntrack --ctstate RELATED -j ACCEPT
ip netns exec cli nc -zuv -w 1 10.171.2.2 5354
ip netns exec srv nc -zuv -w 1 10.171.1.2 9999
ip netns exec gw iptables -I FORWARD -p udp --dport 5355 -j REJECT
ip netns exec cli nc -zuv -w 1 10.171.2.2 5355
ip netns exec gw iptables -R FORWARD 1 -p udp --dport 5355 -j REJECT --reject-with icmp-host-unreachable
ip netns exec cli nc -zuv -w 1 10.171.2.2 5355
ip netns exec gw iptables -R FORWARD 1 -p udp --dport 5355 -j REJECT --reject-with icmp-net-unreachable
ip netns exec cli nc -zuv -w 1 10.171.2.2 5355
ip netns exec gw iptables -R FORWARD 1 -p udp --dport 5355 -j REJECT --reject-with icmp-admin-prohibited
ip netns exec cli nc -zuv -w 1 10.171.2.2 5355
ip netns exec gw iptables -R FORWARD 1 -p udp --dport 5355 -j REJECT --reject-with icmp-host-prohibited
ip netns exec cli nc -zuv -w 1 10.171.2.2 5355
ip netns exec gw iptables -R FORWARD 1 -p udp --dport 5355 -j REJECT --reject-with icmp-proto-unreachable
ip netns exec cli nc -zuv -w 1 10.171.2.2 5355
