# Rule positions: -I at length+1 and +2, -D and -R while counters exist, -Z on a chain and a rule, -L -Z
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.187.0.1/24 dev eth0
ip -n b addr add 10.187.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b nc -lk 80 &
ip netns exec b iptables -I INPUT 1 -p tcp --dport 81 -j DROP
ip netns exec b iptables -I INPUT 2 -p tcp --dport 82 -j DROP
ip netns exec b iptables -I INPUT 4 -p tcp --dport 83 -j DROP
ip netns exec b iptables -I INPUT 3 -p icmp -j DROP
ip netns exec b iptables -I INPUT -1 -p icmp -j DROP
ip netns exec b iptables -I INPUT x -p icmp -j DROP
ip netns exec a ping -c 1 -W 1 10.187.0.2
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b iptables -D INPUT 3
ip netns exec a ping -c 1 -W 1 10.187.0.2
ip netns exec b iptables -Z INPUT
ip netns exec b iptables -Z INPUT 2
ip netns exec b iptables -Z INPUT 3
ip netns exec b iptables -Z INPUT 0
ip netns exec b iptables -L -Z INPUT
ip netns exec b iptables -Z FORWARD OUTPUT
ip netns exec b iptables -t nat -Z
ip netns exec b iptables -R INPUT 3 -p tcp --dport 80 -j DROP
ip netns exec b iptables -R INPUT 2 -p tcp --dport 80 -j DROP
ip netns exec a nc -z -w 1 10.187.0.2 80
ip netns exec b iptables -D INPUT -p tcp --dport 80 -j DROP
ip netns exec a nc -z -w 1 10.187.0.2 80
ip netns exec b iptables -D INPUT 1 2
ip netns exec b iptables -D INPUT 1 -p tcp
ip netns exec b iptables -D INPUT -p tcp --dport 81 -j DROP
ip netns exec b iptables -D INPUT -p tcp --dport 81 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 80 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 80 -j DROP
ip netns exec b iptables -D INPUT -p tcp --dport 80 -j DROP
ip netns exec a nc -z -w 1 10.187.0.2 80
ip netns exec b iptables -D INPUT -p tcp --dport 80 -j DROP
ip netns exec a nc -z -w 1 10.187.0.2 80
ip netns exec b iptables -S INPUT 1
ip netns exec b iptables -S INPUT 9
ip netns exec b iptables -L INPUT 1
