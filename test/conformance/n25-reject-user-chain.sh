# REJECT inside user chains: called from INPUT/OUTPUT works; reachable from a hook REJECT is not valid in fails
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.179.0.1/24 dev eth0
ip -n b addr add 10.179.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b nc -lk 80 &
ip netns exec b iptables -N DENY
ip netns exec b iptables -A DENY -p tcp -j REJECT --reject-with tcp-reset
ip netns exec b iptables -A DENY -j REJECT
ip netns exec b iptables -A INPUT -p tcp --dport 80 -j DENY
ip netns exec a nc -z -w 1 10.179.0.2 80
ip netns exec b iptables -A INPUT -p icmp -j DENY
ip netns exec a ping -c 1 -W 1 10.179.0.2
ip netns exec b iptables -F INPUT
ip netns exec a nc -z -w 1 10.179.0.2 80
ip netns exec b iptables -t mangle -N MDENY
ip netns exec b iptables -t mangle -A MDENY -j REJECT
ip netns exec b iptables -t mangle -A INPUT -p icmp -j MDENY
ip netns exec a ping -c 1 -W 1 10.179.0.2
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j MDENY
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j REJECT
ip netns exec b iptables -t mangle -F INPUT
ip netns exec a ping -c 1 -W 1 10.179.0.2
ip netns exec b iptables -t mangle -A POSTROUTING -j MDENY
ip netns exec b iptables -t mangle -A FORWARD -j MDENY
ip netns exec b iptables -t nat -N NDENY
ip netns exec b iptables -t nat -A NDENY -j REJECT
ip netns exec b iptables -t raw -A PREROUTING -j REJECT
ip netns exec b iptables -N OUT
ip netns exec b iptables -A OUT -p icmp -j REJECT --reject-with icmp-net-prohibited
ip netns exec b iptables -A OUTPUT -j OUT
ip netns exec b ping -c 1 -W 1 10.179.0.1
ip netns exec a ping -c 1 -W 1 10.179.0.2
ip netns exec b iptables -D OUTPUT -j OUT
ip netns exec b iptables -A INPUT -j OUT
ip netns exec a ping -c 1 -W 1 10.179.0.2
ip netns exec b iptables -X OUT
ip netns exec b iptables -S
ip netns exec b iptables -t mangle -S
