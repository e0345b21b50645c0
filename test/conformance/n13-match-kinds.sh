# Matches: -i/-o with + wildcards and !, -s/-d with !, multiport, port ranges, addrtype, icmp-type
ip netns add gw
ip netns add a
ip netns add b
ip netns add s
ip -n gw link add lan1 type veth peer name eth0 netns a
ip -n gw link add lan2 type veth peer name eth0 netns b
ip -n gw link add wan0 type veth peer name eth0 netns s
ip -n gw addr add 10.160.1.1/24 dev lan1
ip -n gw addr add 10.160.2.1/24 dev lan2
ip -n gw addr add 10.160.9.1/24 dev wan0
ip -n gw link set lan1 up
ip -n gw link set lan2 up
ip -n gw link set wan0 up
ip -n a addr add 10.160.1.2/24 dev eth0
ip -n b addr add 10.160.2.2/24 dev eth0
ip -n s addr add 10.160.9.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n s link set eth0 up
ip -n a route add default via 10.160.1.1
ip -n b route add default via 10.160.2.1
ip -n s route add default via 10.160.9.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec s nc -lk 22 &
ip netns exec s nc -lk 443 &
ip netns exec s nc -lk 8081 &
ip netns exec gw iptables -P FORWARD DROP
ip netns exec gw iptables -A FORWARD -i wan+ -o lan+ -m conntrack --ctstate ESTABLISHED -j ACCEPT
ip netns exec gw iptables -A FORWARD -i lan+ ! -o lan+ -p tcp -m multiport --dports 22,443 -j ACCEPT
ip netns exec a nc -z -w 1 10.160.9.2 22
ip netns exec b nc -z -w 1 10.160.9.2 443
ip netns exec a nc -z -w 1 10.160.9.2 8081
ip netns exec gw iptables -A FORWARD ! -s 10.160.1.0/24 -p tcp --dport 8080:8089 -j ACCEPT
ip netns exec a nc -z -w 1 10.160.9.2 8081
ip netns exec b nc -z -w 1 10.160.9.2 8081
ip netns exec gw iptables -A FORWARD -i lan1 -p icmp --icmp-type echo-request ! -d 10.160.9.2 -j ACCEPT
ip netns exec a ping -c 1 -W 1 10.160.9.2
ip netns exec gw iptables -A FORWARD -i lan+ -o lan+ -p icmp --icmp-type echo-reply -j ACCEPT
ip netns exec a ping -c 1 -W 1 10.160.2.2
ip netns exec b ping -c 1 -W 1 10.160.1.2
ip netns exec gw iptables -A INPUT -m addrtype ! --dst-type LOCAL -j DROP
ip netns exec gw iptables -A INPUT -p icmp -m addrtype --dst-type LOCAL -d 10.160.2.1 -j DROP
ip netns exec a ping -c 1 -W 1 10.160.1.1
ip netns exec a ping -c 1 -W 1 10.160.2.1
