# The -v echo of commands that change things, and -v with listings
iptables -N A
iptables -N B
iptables -A A -g B
iptables -v -F
iptables -v -X
iptables -v -Z INPUT
iptables -v -A INPUT -p tcp -j ACCEPT
iptables -v -R INPUT 1 -p udp -m comment --comment 'x y' -j ACCEPT
iptables -v -C INPUT -p udp -j ACCEPT
iptables -v -C INPUT -p udp -m comment --comment 'x y' -j ACCEPT
iptables -v -N C
iptables -v -A INPUT -j C
iptables -v -A INPUT -g C
iptables -v -A INPUT ! -s 1.1.1.0/24 -i eth0 ! -p tcp -f
iptables -v -A INPUT -j LOG
iptables -v -A INPUT -s localhost -d 10.0.0.0/8 -p icmp --icmp-type echo-request -j REJECT
iptables -v -I INPUT 2 -m conntrack --ctstate NEW -j MARK --set-mark 5
iptables -v -A FORWARD -i veth+ -o eth0 -p tcp --dport 80 -m multiport --sports 1:100 -j ACCEPT
iptables -v -Z INPUT 1
iptables -v -X C
iptables -v -L INPUT 1
iptables -v -S INPUT
iptables -v -S INPUT 3
iptables -L -v -Z
iptables -v -E C D
iptables -v -P INPUT DROP
iptables -v -D INPUT 1
iptables -v -D INPUT -j LOG
iptables -v -t nat -A POSTROUTING -o eth0 -j MASQUERADE
iptables -v -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.2:8080
iptables -v -t nat -F
iptables -v -t raw -Z
iptables -L -x
iptables -L -n --line-numbers
iptables -A INPUT -c 5 10 -j ACCEPT
iptables -P OUTPUT DROP -c 3 4
iptables -L -v -x
iptables -V
iptables ! -V
iptables -h
iptables --help
