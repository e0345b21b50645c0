# Rule editing by number: -I N, -D N, -R N, -C, -Z, -E, out-of-range indexes, and their effect on traffic
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.150.0.1/24 dev eth0
ip -n b addr add 10.150.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b nc -lk 80 &
ip netns exec b nc -lk 443 &
ip netns exec b iptables -A INPUT -p tcp --dport 80 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 443 -j DROP
ip netns exec b iptables -I INPUT 2 -p icmp -j DROP
ip netns exec b iptables -L INPUT -n --line-numbers
ip netns exec a ping -c 1 -W 1 10.150.0.2
ip netns exec b iptables -D INPUT 2
ip netns exec a ping -c 1 -W 1 10.150.0.2
ip netns exec a nc -z -w 1 10.150.0.2 443
ip netns exec b iptables -R INPUT 2 -p tcp --dport 443 -j ACCEPT
ip netns exec a nc -z -w 1 10.150.0.2 443
ip netns exec a nc -z -w 1 10.150.0.2 80
ip netns exec b iptables -I INPUT -p tcp --dport 80 -j ACCEPT
ip netns exec a nc -z -w 1 10.150.0.2 80
ip netns exec b iptables -C INPUT -p tcp --dport 80 -j DROP
ip netns exec b iptables -C INPUT -p tcp --dport 81 -j DROP
ip netns exec b iptables -C INPUT -p tcp --dport 80 -j REJECT
ip netns exec b iptables -I INPUT 5 -p icmp -j DROP
ip netns exec b iptables -I INPUT 4 -p icmp -j DROP
ip netns exec b iptables -R INPUT 9 -p icmp -j DROP
ip netns exec b iptables -D INPUT 0
ip netns exec b iptables -D INPUT 5
ip netns exec a ping -c 1 -W 1 10.150.0.2
ip netns exec b iptables -D INPUT 4
ip netns exec b iptables -Z
ip netns exec b iptables -Z INPUT 1
ip netns exec b iptables -Z NOPE
ip netns exec b iptables -L -n -v -x --line-numbers
ip netns exec b iptables -D INPUT -p tcp --dport 80 -j ACCEPT
ip netns exec a nc -z -w 1 10.150.0.2 80
ip netns exec b iptables -F
ip netns exec a nc -z -w 1 10.150.0.2 80
ip netns exec b iptables -D INPUT 1
