# -j LOG options (exit codes only), RETURN at the top of a built-in chain applies the policy, goto a returning chain
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.180.0.1/24 dev eth0
ip -n b addr add 10.180.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b nc -lk 80 &
ip netns exec b iptables -A INPUT -p tcp -j LOG
ip netns exec b iptables -A INPUT -p tcp -j LOG --log-prefix "fw: " --log-level 4
ip netns exec b iptables -A INPUT -p tcp -j LOG --log-level warning --log-tcp-options --log-ip-options --log-uid
ip netns exec b iptables -A INPUT -p tcp -j LOG --log-level 9
ip netns exec b iptables -A INPUT -p tcp -j LOG --log-level bogus
ip netns exec b iptables -A INPUT -p tcp -j LOG --log-prefix 123456789012345678901234567890
ip netns exec b iptables -A INPUT -p tcp -j LOG --log-prefix 12345678901234567890123456789
ip netns exec a nc -z -w 1 10.180.0.2 80
ip netns exec b iptables -P INPUT DROP
ip netns exec b iptables -I INPUT -p tcp -j RETURN
ip netns exec b iptables -A INPUT -p tcp -j ACCEPT
ip netns exec a nc -z -w 1 10.180.0.2 80
ip netns exec b iptables -D INPUT 1
ip netns exec a nc -z -w 1 10.180.0.2 80
ip netns exec b iptables -N R
ip netns exec b iptables -A R -j RETURN
ip netns exec b iptables -I INPUT -g R
ip netns exec a nc -z -w 1 10.180.0.2 80
ip netns exec b iptables -R INPUT 1 -j R
ip netns exec a nc -z -w 1 10.180.0.2 80
ip netns exec b iptables -R R 1 -j ACCEPT
ip netns exec b iptables -R INPUT 1 -p icmp -g R
ip netns exec a ping -c 1 -W 1 10.180.0.2
ip netns exec b iptables -F R
ip netns exec a ping -c 1 -W 1 10.180.0.2
ip netns exec a nc -z -w 1 10.180.0.2 80
ip netns exec b iptables -A INPUT -j LOG -j ACCEPT
ip netns exec b iptables -A INPUT -j ULOG
ip netns exec b iptables -A INPUT -j NFLOG --nflog-group 5
ip netns exec b iptables -t nat -A POSTROUTING -j LOG
ip netns exec b iptables -S INPUT
