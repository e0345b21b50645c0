# -m multiport: --ports (either side), --sports, ranges inside the list, !, the 15-port limit, errors
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.190.0.1/24 dev eth0
ip -n b addr add 10.190.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b nc -lk 22 &
ip netns exec b nc -lk 80 &
ip netns exec b nc -lk 443 &
ip netns exec b nc -lk 5000 &
ip netns exec b iptables -A INPUT -p tcp -m multiport --ports 22,80 -j DROP
ip netns exec a nc -z -w 1 10.190.0.2 22
ip netns exec a nc -z -w 1 10.190.0.2 443
ip netns exec a nc -z -w 1 -p 80 10.190.0.2 443
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport --sports 40000:40010 -j DROP
ip netns exec a nc -z -w 1 -p 40005 10.190.0.2 443
ip netns exec a nc -z -w 1 -p 40011 10.190.0.2 443
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport --dports 1:100,443 -j DROP
ip netns exec a nc -z -w 1 10.190.0.2 80
ip netns exec a nc -z -w 1 10.190.0.2 443
ip netns exec a nc -z -w 1 10.190.0.2 5000
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport ! --dports 22,80 -j DROP
ip netns exec a nc -z -w 1 10.190.0.2 22
ip netns exec a nc -z -w 1 10.190.0.2 5000
ip netns exec b iptables -R INPUT 1 -p udp -m multiport --dports 22,80 -j DROP
ip netns exec a nc -z -w 1 10.190.0.2 5000
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport --dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15 -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport --dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15:16 -j DROP
ip netns exec b iptables -R INPUT 1 -m multiport --dports 22 -j DROP
ip netns exec b iptables -R INPUT 1 -p icmp -m multiport --dports 22 -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport --dports 22 --sports 22 -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport --dports 80:22 -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport --dports 22,,80 -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport --dports ssh,http -j DROP
ip netns exec a nc -z -w 1 10.190.0.2 22
ip netns exec a nc -z -w 1 10.190.0.2 443
ip netns exec b iptables -R INPUT 1 -p tcp -m multiport --destination-ports 443 -j DROP
ip netns exec a nc -z -w 1 10.190.0.2 443
ip netns exec b iptables -S INPUT
