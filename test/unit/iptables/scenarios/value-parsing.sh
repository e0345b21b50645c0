# How option values are read: names, prefixes, C numbers, wrapping, odd separators
iptables -A INPUT -p icmp --icmp-type echo
iptables -A INPUT -p icmp --icmp-type ECHO-REQUEST
iptables -A INPUT -p icmp --icmp-type 0x8
iptables -A INPUT -p icmp --icmp-type 3/
iptables -A INPUT -p icmp --icmp-type /3
iptables -A INPUT -p icmp --icmp-type 3/0x4
iptables -A INPUT -p icmp --icmp-type echo-req
iptables -A INPUT -p icmp --icmp-type p
iptables -A INPUT -p icmp ! --icmp-type ping
iptables -A INPUT -p tcp --dport 0x50
iptables -A INPUT -p tcp --dport ' 80'
iptables -A INPUT -p tcp --dport 010
iptables -A INPUT -p tcp --tcp-flags syn,ack syn
iptables -A INPUT -p tcp --tcp-flags SYN,,ACK SYN
iptables -A INPUT -p tcp --tcp-flags SYN ''
iptables -A INPUT -p tcp --tcp-flags SYN -j ACCEPT
iptables -A INPUT -p tcp --tcp-flags SYN ! ACK
iptables -A INPUT -p tcp ! --tcp-flags ALL ALL
iptables -A INPUT -p udp --dport 1:2:3
iptables -A INPUT -p udp --dport 0x50
iptables -A INPUT -p udp --dport ssh
iptables -A INPUT -p udp --dport ' 80'
iptables -A INPUT -p udp --dport 2000:1000
iptables -A INPUT -p udp --dport 70000
iptables -A INPUT -p udp --dport :
iptables -A INPUT -p udp --dport 5:
iptables -A INPUT -p udp --sport :7
iptables -A INPUT -p udp ! --sport 1:2 ! --dport 3
iptables -A INPUT -m conntrack --ctorigdstport ssh
iptables -A INPUT -m conntrack --ctorigdstport 99999
iptables -A INPUT -m conntrack --ctorigdstport 2000:1000
iptables -A INPUT -m conntrack --ctorigdst localhost
iptables -A INPUT -m conntrack --ctorigdst 10.0.0.1/33
iptables -A INPUT -m conntrack --ctorigdst 10.0.0.0/255.255.0.0
iptables -A INPUT -m conntrack --ctorigdst 10.0.0.0/24
iptables -A INPUT -m conntrack --ctstate new,RELATED
iptables -A INPUT -m conntrack --ctstate E,I
iptables -A INPUT -m conntrack --ctstate FOO,NEW
iptables -A INPUT -m conntrack --ctstate NEW,FOO
iptables -A INPUT -m conntrack --ctdir original --ctdir REPLY
iptables -A INPUT -m conntrack ! --ctdir REPLY
iptables -A INPUT -m addrtype --src-type loc
iptables -A INPUT -m addrtype --src-type U
iptables -A INPUT -m addrtype --src-type LOCAL,,UNICAST
iptables -A INPUT -m addrtype --dst-type LOCAL,
iptables -A INPUT -m addrtype --src-type LOCAL --src-type UNICAST
iptables -A INPUT -m state --state new,RELATED
iptables -A INPUT -m state --state ''
iptables -A INPUT -m state --state NEW,
iptables -A INPUT -m state --state e
iptables -A INPUT -m state ! --state NEW --state INVALID
iptables -A INPUT -m mark --mark 1 --mark 2
iptables -A INPUT -m mark --mark 0x1/0x1/0x1
iptables -A INPUT -m mark --mark -1
iptables -A INPUT -m mark --mark 017
iptables -A INPUT -m mark --mark 0xffffffff/0
iptables -A INPUT -j MARK --set-mark 1 --set-mark 2
iptables -A INPUT -j MARK --set-xmark 1/2/3
iptables -A INPUT -j MARK --or-mark 1 --and-mark 2
iptables -A INPUT -j MARK --xor-mark 0x10
iptables -A INPUT -j MARK --and-mark 0
iptables -A INPUT -j MARK --set-mark 0xffffffff
iptables -A INPUT -j LOG --log-level 4 --log-level 5
iptables -A INPUT -j LOG --log-level WARNING
iptables -A INPUT -j LOG --log-level ' 5'
iptables -A INPUT -j LOG --log-level warn
iptables -A INPUT -j LOG --log-level 0x3
iptables -A INPUT -j LOG --log-prefix 012345678901234567890123456789012345
iptables -A INPUT -j LOG --log-prefix "it's"
iptables -A INPUT -j REJECT --reject-with tcp-reset --reject-with icmp-port-unreachable
iptables -A INPUT -j REJECT --reject-with icmp-h
iptables -A INPUT -j REJECT --reject-with ICMP-NET-PROHIBITED
iptables -A INPUT -j REJECT --reject-with ''
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 1:2
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 0
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports http-8080
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports http
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 80-http
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 0x50
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 80-
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports -80
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 80x
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:80-http
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:http-ssh
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 010.1.1.1
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:65536
iptables -t nat -A PREROUTING -p tcp -j SNAT --to-source 1.1.1.1
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:0
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:80:90
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1-
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination :
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:http
iptables -t nat -A PREROUTING -p icmp -j DNAT --to-destination 1.1.1.1:80
iptables -t nat -A PREROUTING ! -p tcp -j DNAT --to-destination 1.1.1.1:80
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.1
iptables -t nat -A PREROUTING -m comment --comment x -j DROP
iptables -A INPUT -i 'a b'
iptables -A INPUT -i a/b -o c
iptables -A INPUT -m physdev --physdev-in 'x y'
iptables -A INPUT -s loopback
iptables -A INPUT -d link-local/16
iptables -A INPUT -s 0x0a000001
iptables -A INPUT -s 167772162
iptables -A INPUT -s 10.256
iptables -A INPUT -d 1.0x2.3
iptables -A INPUT -s 010.1.1.1
iptables -A INPUT -s 1.2.3.4/0x18
iptables -A INPUT -s 1.2.3.4/255.255.255.0
iptables -A INPUT -s 1.2.3.4/255.255.255
iptables -A INPUT -s 1.2.3.4//24
iptables -S
iptables -L -n
iptables -L
iptables -t nat -S
