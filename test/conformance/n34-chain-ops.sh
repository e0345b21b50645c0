# Chain operations: -E of a jumped-to chain, -X with no argument, -F then -X, -P on user/missing chains, other tables' policies
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.188.0.1/24 dev eth0
ip -n b addr add 10.188.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -N BLOCK
ip netns exec b iptables -N EMPTY1
ip netns exec b iptables -N EMPTY2
ip netns exec b iptables -A BLOCK -p icmp -j DROP
ip netns exec b iptables -A INPUT -j BLOCK
ip netns exec a ping -c 1 -W 1 10.188.0.2
ip netns exec b iptables -E BLOCK DENY
ip netns exec a ping -c 1 -W 1 10.188.0.2
ip netns exec b iptables -A DENY -p tcp -j DROP
ip netns exec b iptables -A BLOCK -j DROP
ip netns exec b iptables -E DENY EMPTY1
ip netns exec b iptables -E DENY INPUT
ip netns exec b iptables -E DENY 123456789012345678901234567890
ip netns exec b iptables -X
ip netns exec b iptables -L EMPTY1
ip netns exec b iptables -L DENY
ip netns exec b iptables -F
ip netns exec b iptables -X
ip netns exec b iptables -L DENY
ip netns exec a ping -c 1 -W 1 10.188.0.2
ip netns exec b iptables -P NOPE DROP
ip netns exec b iptables -t mangle -P PREROUTING DROP
ip netns exec a ping -c 1 -W 1 10.188.0.2
ip netns exec b iptables -t mangle -P PREROUTING ACCEPT
ip netns exec b iptables -t raw -P PREROUTING DROP
ip netns exec a ping -c 1 -W 1 10.188.0.2
ip netns exec b iptables -t raw -P PREROUTING ACCEPT
ip netns exec b iptables -t nat -P PREROUTING DROP
ip netns exec b iptables -t nat -P POSTROUTING ACCEPT
ip netns exec b iptables -t raw -P INPUT DROP
ip netns exec b iptables -t mangle -P FORWARD DROP
ip netns exec b iptables -P INPUT
ip netns exec b iptables -N KEEP
ip netns exec b iptables -E KEEP ACCEPT
ip netns exec b iptables -E INPUT IN2
ip netns exec b iptables -S
