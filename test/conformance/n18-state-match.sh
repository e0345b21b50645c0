# -m state vs -m conntrack: the same states, INVALID, option errors, and both spellings in one chain
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.172.0.1/24 dev eth0
ip -n b addr add 10.172.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n b link set lo up
ip netns exec a nc -lk 80 &
ip netns exec b nc -lk 22 &
ip netns exec b iptables -P INPUT DROP
ip netns exec b iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
ip netns exec b nc -z -w 1 10.172.0.1 80
ip netns exec b ping -c 1 -W 1 10.172.0.1
ip netns exec a nc -z -w 1 10.172.0.2 22
ip netns exec b iptables -A INPUT -p tcp --dport 22 -m state --state NEW -j ACCEPT
ip netns exec a nc -z -w 1 10.172.0.2 22
ip netns exec a ping -c 1 -W 1 10.172.0.2
ip netns exec b iptables -A INPUT -p icmp -m conntrack --ctstate NEW -j ACCEPT
ip netns exec a ping -c 1 -W 1 10.172.0.2
ip netns exec b iptables -A INPUT -m state --state BOGUS -j ACCEPT
ip netns exec b iptables -A INPUT -m state -j ACCEPT
ip netns exec b iptables -A INPUT -m state --state new -j ACCEPT
ip netns exec b iptables -A INPUT -m state ! --state INVALID -j ACCEPT
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW,BOGUS -j ACCEPT
ip netns exec b iptables -A INPUT -m conntrack -j ACCEPT
ip netns exec b iptables -A INPUT -m conntrack --ctstate ESTABLISHED --ctstate NEW -j ACCEPT
ip netns exec b iptables -A INPUT -m conntrack --ctstatus ASSURED -j ACCEPT
ip netns exec b iptables -A INPUT -m conntrack --ctproto tcp -j ACCEPT
ip netns exec b iptables -A INPUT -m state --state SNAT -j ACCEPT
ip netns exec b iptables -A INPUT -m conntrack --ctstate SNAT,DNAT -j ACCEPT
ip netns exec b iptables -S INPUT
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -m conntrack --ctstate INVALID -j DROP
ip netns exec b iptables -A INPUT -p tcp -m conntrack ! --ctstate NEW -j ACCEPT
ip netns exec a nc -z -w 1 10.172.0.2 22
ip netns exec b nc -z -w 1 10.172.0.1 80
ip netns exec b iptables -P INPUT ACCEPT
ip netns exec a nc -z -w 1 10.172.0.2 22
