# OUTPUT policy DROP: lo exception, own address, ESTABLISHED replies, a REJECT and what ping/nc say
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.181.0.1/24 dev eth0
ip -n b addr add 10.181.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link set lo up
ip netns exec a nc -lk 80 &
ip netns exec b nc -lk 80 &
ip netns exec a iptables -P OUTPUT DROP
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a ping -c 1 -W 1 10.181.0.1
ip netns exec a nc -z -w 1 10.181.0.1 80
ip netns exec a iptables -A OUTPUT -o lo -j ACCEPT
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a ping -c 1 -W 1 10.181.0.1
ip netns exec a nc -z -w 1 10.181.0.1 80
ip netns exec a nc -z -w 1 10.181.0.2 80
ip netns exec b nc -z -w 1 10.181.0.1 80
ip netns exec b ping -c 1 -W 1 10.181.0.1
ip netns exec a iptables -A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec b nc -z -w 1 10.181.0.1 80
ip netns exec b ping -c 1 -W 1 10.181.0.1
ip netns exec b nc -z -w 1 10.181.0.1 81
ip netns exec a iptables -A OUTPUT -p icmp -j REJECT
ip netns exec a ping -c 1 -W 1 10.181.0.2
ip netns exec a iptables -I OUTPUT 3 -p tcp -j REJECT --reject-with tcp-reset
ip netns exec a nc -z -w 1 10.181.0.2 80
ip netns exec a iptables -R OUTPUT 3 -p tcp -j REJECT
ip netns exec a nc -z -w 1 10.181.0.2 80
ip netns exec a iptables -A OUTPUT -d 10.181.0.2 -j ACCEPT
ip netns exec a ping -c 1 -W 1 10.181.0.2
ip netns exec a iptables -D OUTPUT 3
ip netns exec a iptables -D OUTPUT 3
ip netns exec a nc -z -w 1 10.181.0.2 80
ip netns exec a ping -c 1 -W 1 10.181.0.2
ip netns exec a iptables -P OUTPUT ACCEPT
ip netns exec a iptables -F OUTPUT
ip netns exec a ping -c 1 -W 1 10.181.0.2
