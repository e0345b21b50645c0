# --icmp-type by name, number and type/code; ! --icmp-type; any; errors; REJECT of echo-replies
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.194.0.1/24 dev eth0
ip -n b addr add 10.194.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p icmp --icmp-type 8 -j DROP
ip netns exec a ping -c 1 -W 1 10.194.0.2
ip netns exec b ping -c 1 -W 1 10.194.0.1
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type 0 -j DROP
ip netns exec a ping -c 1 -W 1 10.194.0.2
ip netns exec b ping -c 1 -W 1 10.194.0.1
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type 8/0 -j DROP
ip netns exec a ping -c 1 -W 1 10.194.0.2
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type 8/1 -j DROP
ip netns exec a ping -c 1 -W 1 10.194.0.2
ip netns exec b iptables -R INPUT 1 -p icmp ! --icmp-type echo-request -j DROP
ip netns exec a ping -c 1 -W 1 10.194.0.2
ip netns exec b ping -c 1 -W 1 10.194.0.1
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type any -j DROP
ip netns exec a ping -c 1 -W 1 10.194.0.2
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type ping -j DROP
ip netns exec a ping -c 1 -W 1 10.194.0.2
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type pong -j DROP
ip netns exec b ping -c 1 -W 1 10.194.0.1
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type destination-unreachable -j DROP
ip netns exec b nc -z -w 1 10.194.0.1 80
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type bogus -j DROP
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type 256 -j DROP
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type 8/256 -j DROP
ip netns exec b iptables -R INPUT 1 --icmp-type 8 -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp --icmp-type 8 -j DROP
ip netns exec b iptables -R INPUT 1 -p icmp -m icmp --icmp-type echo-reply -j REJECT
ip netns exec b ping -c 1 -W 1 10.194.0.1
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type port-unreachable -j DROP
ip netns exec b nc -zuv -w 1 10.194.0.1 9
ip netns exec b iptables -R INPUT 1 -p 1 --icmp-type 8 -j DROP
ip netns exec b iptables -R INPUT 1 -p icmp -m icmp ! --icmp-type 0 -j DROP
ip netns exec b ping -c 1 -W 1 10.194.0.1
ip netns exec b iptables -S INPUT
