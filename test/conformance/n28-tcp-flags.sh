# --syn and --tcp-flags: dropping bare SYNs, SYN-ACKs, and the option errors
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.182.0.1/24 dev eth0
ip -n b addr add 10.182.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a nc -lk 80 &
ip netns exec b nc -lk 80 &
ip netns exec b iptables -A INPUT -p tcp --syn -j DROP
ip netns exec a nc -z -w 1 10.182.0.2 80
ip netns exec b nc -z -w 1 10.182.0.1 80
ip netns exec b iptables -R INPUT 1 -p tcp ! --syn -j DROP
ip netns exec a nc -z -w 1 10.182.0.2 80
ip netns exec b nc -z -w 1 10.182.0.1 80
ip netns exec b iptables -R INPUT 1 -p tcp --tcp-flags SYN,ACK SYN,ACK -j DROP
ip netns exec a nc -z -w 1 10.182.0.2 80
ip netns exec b nc -z -w 1 10.182.0.1 80
ip netns exec b iptables -R INPUT 1 -p tcp --tcp-flags ALL SYN -j REJECT --reject-with tcp-reset
ip netns exec a nc -z -w 1 10.182.0.2 80
ip netns exec b iptables -R INPUT 1 -p tcp --tcp-flags ALL NONE -j DROP
ip netns exec a nc -z -w 1 10.182.0.2 80
ip netns exec b iptables -R INPUT 1 -p tcp --tcp-flags SYN,RST SYN,RST -j DROP
ip netns exec a nc -z -w 1 10.182.0.2 80
ip netns exec b iptables -R INPUT 1 -p tcp --tcp-flags RST RST -j DROP
ip netns exec a nc -z -w 1 10.182.0.2 81
ip netns exec b iptables -R INPUT 1 -p tcp --tcp-flags FIN FIN -j DROP
ip netns exec a nc -z -w 1 10.182.0.2 80
ip netns exec b iptables -A INPUT --syn -j DROP
ip netns exec b iptables -A INPUT -p udp --syn -j DROP
ip netns exec b iptables -A INPUT -p tcp --tcp-flags BOGUS SYN -j DROP
ip netns exec b iptables -A INPUT -p tcp --tcp-flags SYN -j DROP
ip netns exec b iptables -A INPUT -p tcp --syn --tcp-flags ALL SYN -j DROP
ip netns exec b iptables -A INPUT -p tcp -m tcp --tcp-flags syn,ack syn -j DROP
ip netns exec b iptables -A INPUT -p tcp --tcp-option 2 -j DROP
ip netns exec b iptables -S INPUT
