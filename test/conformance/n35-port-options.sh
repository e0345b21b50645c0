# Port options: --dport with -p icmp or no -p, ! --dport, port 0, reversed and open ranges, service names, -p forms
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.189.0.1/24 dev eth0
ip -n b addr add 10.189.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b nc -lk 80 &
ip netns exec b nc -lk 8080 &
ip netns exec b iptables -A INPUT -p icmp --dport 80 -j DROP
ip netns exec b iptables -A INPUT -p icmp --icmp-type 8 --sport 1 -j DROP
ip netns exec b iptables -A INPUT -p tcp ! --dport 80 -j DROP
ip netns exec a nc -z -w 1 10.189.0.2 80
ip netns exec a nc -z -w 1 10.189.0.2 8080
ip netns exec b iptables -R INPUT 1 -p tcp --dport 0 -j DROP
ip netns exec a nc -z -w 1 10.189.0.2 8080
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8090:8000 -j DROP
ip netns exec a nc -z -w 1 10.189.0.2 8080
ip netns exec b iptables -R INPUT 1 -p tcp --dport :100 -j DROP
ip netns exec a nc -z -w 1 10.189.0.2 80
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8000: -j DROP
ip netns exec a nc -z -w 1 10.189.0.2 8080
ip netns exec a nc -z -w 1 10.189.0.2 80
ip netns exec b iptables -R INPUT 1 -p tcp --sport 1024:65535 --dport http -j DROP
ip netns exec a nc -z -w 1 10.189.0.2 80
ip netns exec b iptables -R INPUT 1 -p tcp --dport http-alt -j DROP
ip netns exec a nc -z -w 1 10.189.0.2 8080
ip netns exec b iptables -R INPUT 1 -p 6 --dport 8080 -j DROP
ip netns exec a nc -z -w 1 10.189.0.2 8080
ip netns exec b iptables -R INPUT 1 -p TCP --dport 8080 -j DROP
ip netns exec b iptables -R INPUT 1 -p all --dport 8080 -j DROP
ip netns exec b iptables -R INPUT 1 -p 300 -j DROP
ip netns exec b iptables -R INPUT 1 -p bogus -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp --dport 65536 -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp --dport -1 -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp --dport nosuchservice -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp --dport 80 --dport 81 -j DROP
ip netns exec b iptables -R INPUT 1 -p tcp --destination-port 80:80 -j DROP
ip netns exec a nc -z -w 1 10.189.0.2 80
ip netns exec b iptables -R INPUT 1 -p udp ! --sport 53 -j DROP
ip netns exec a nc -z -w 1 10.189.0.2 80
ip netns exec b iptables -S INPUT
