# Usage errors: messages and exit codes of the option parser and the extensions
iptables
iptables -V
iptables --version
iptables -A INPUT -j INPUT
iptables -A INPUT -j nope
iptables -A INPUT -j NOPE --foo
iptables -A INPUT -g NOPE
iptables -A INPUT -j
iptables -A
iptables -A INPUT -p foo
iptables -A INPUT -p 300
iptables -A INPUT -p
iptables -A INPUT ! -p all
iptables -A INPUT -p tcp -p udp
iptables -A INPUT -s 10.0.0.0/33
iptables -A INPUT -s 10.0.0.0/-1
iptables -A INPUT -s 10.0.0.0/abc
iptables -A INPUT -s 10.0.0.0/
iptables -A INPUT -s foo.example
iptables -A INPUT -s 10.0.0.300
iptables -A INPUT -d 1.2.3.4.5
iptables -A INPUT -s ''
iptables -A INPUT ! -s 1.2.3.4,5.6.7.8
iptables -A INPUT -i eth0 -o eth1
iptables -A OUTPUT -i eth0
iptables -A PREROUTING -o eth0
iptables -t nat -A POSTROUTING -i eth0 -j ACCEPT
iptables -t nat -A PREROUTING -o eth0 -j ACCEPT
iptables -A INPUT -i abcdefghijklmnopq
iptables -A INPUT -i ''
iptables -A INPUT -s 1.1.1.1 -s 2.2.2.2
iptables -A INPUT -i a -i b
iptables -A INPUT -j ACCEPT -j DROP
iptables -A INPUT -j ACCEPT -g U
iptables -A INPUT -f -f
iptables -A INPUT ! ! -s 1.1.1.1
iptables -A INPUT -s ! 1.1.1.1
iptables -A INPUT !
iptables -A INPUT ! -j ACCEPT
iptables -A INPUT ! -m tcp
iptables -A INPUT ! -A INPUT
iptables -A INPUT ! -t nat
iptables -A INPUT -p tcp --dport
iptables -A INPUT --dport 22 -j ACCEPT
iptables -A INPUT -p tcp --dport 22 --bogus -j ACCEPT
iptables -A INPUT -p icmp --dport 80
iptables -A INPUT -p all --dport 80
iptables -A INPUT -p udp --syn
iptables -A INPUT -m tcp --dport 80
iptables -A INPUT -p udp -m tcp --dport 80
iptables -A INPUT -p tcp -m udp --dport 80
iptables -A INPUT -p udp -m udp --tcp-flags ALL NONE
iptables -A INPUT -p tcp -m TCP --dport 1
iptables -A INPUT -m nosuch -j ACCEPT
iptables -A INPUT -m
iptables -A INPUT -p tcp --dport 80 --dport 81
iptables -A INPUT -p tcp --sport 80 --source-port 81
iptables -A INPUT -p tcp --dport 2000:1000
iptables -A INPUT -p tcp --dport 70000
iptables -A INPUT -p tcp --dport foo
iptables -A INPUT -p tcp --dport -1
iptables -A INPUT -p tcp --dport 1:2:3
iptables -A INPUT -p udp --sport 80,81
iptables -A INPUT -p tcp --tcp-flags SYN
iptables -A INPUT -p tcp --tcp-flags FOO SYN
iptables -A INPUT -p tcp --tcp-flags SYN FOO
iptables -A INPUT -p tcp --syn --tcp-flags SYN SYN
iptables -A INPUT -p tcp --tcp-flags SYN SYN --tcp-flags ACK ACK
iptables -A INPUT -p icmp --icmp-type foo
iptables -A INPUT -p icmp --icmp-type 300
iptables -A INPUT -p icmp --icmp-type 3/300
iptables -A INPUT -p icmp --icmp-type 8 --icmp-type 0
iptables -A INPUT -p icmp -m icmp
iptables -A INPUT -m icmp --icmp-type 8
iptables -A INPUT -p tcp -m icmp --icmp-type 8
iptables -A INPUT -m multiport --dports 80
iptables -A INPUT -p icmp -m multiport --dports 80
iptables -A INPUT -p tcp -m multiport
iptables -A INPUT -p tcp -m multiport --dports 80 --sports 80
iptables -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16
iptables -A INPUT -p tcp -m multiport --dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15:16
iptables -A INPUT -p tcp -m multiport --dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15
iptables -A INPUT -p tcp -m multiport --dports 80,foo
iptables -A INPUT -p tcp -m multiport --dports 90:80
iptables -A INPUT -p tcp -m multiport --dports ''
iptables -A INPUT -m conntrack
iptables -A INPUT -m conntrack --ctstate FOO
iptables -A INPUT -m conntrack --ctstate new
iptables -A INPUT -m conntrack --ctstate NEW,
iptables -A INPUT -m conntrack --ctstate NEW --ctstate INVALID
iptables -A INPUT -m conntrack --ctdir FOO
iptables -A INPUT -m conntrack --ctdir original
iptables -A INPUT -m conntrack --ctorigdst 10.0.0.300
iptables -A INPUT -m conntrack --ctorigdstport 99999
iptables -A INPUT -m conntrack --ctorigdstport http
iptables -A INPUT -m state
iptables -A INPUT -m state --state FOO
iptables -A INPUT -m state --state SNAT
iptables -A INPUT -m addrtype
iptables -A INPUT -m addrtype --src-type FOO
iptables -A INPUT -m addrtype --src-type local
iptables -A INPUT -m addrtype --limit-iface-in --limit-iface-out
iptables -A OUTPUT -m addrtype --dst-type LOCAL --limit-iface-in
iptables -A INPUT -m addrtype --dst-type LOCAL --limit-iface-out
iptables -A INPUT -m comment
iptables -A INPUT -m comment --comment
iptables -A INPUT -m comment --comment 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789
iptables -A INPUT -m comment --comment a --comment b
iptables -A INPUT -m mark
iptables -A INPUT -m mark --mark foo
iptables -A INPUT -m mark --mark 1/foo
iptables -A INPUT -m mark --mark 0x100000000
iptables -A INPUT -m physdev
iptables -A INPUT -m physdev --physdev-in abcdefghijklmnopq
iptables -A INPUT -m physdev --physdev-is-bridged --physdev-is-bridged
iptables -A INPUT -j REJECT --reject-with foo
iptables -A INPUT -j REJECT --reject-with
iptables -A INPUT -j LOG --log-level foo
iptables -A INPUT -j LOG --log-level 8
iptables -A INPUT -j LOG --log-prefix 01234567890123456789012345678901
iptables -A INPUT -j LOG --log-prefix ''
iptables -A INPUT -j LOG --log-prefix a --log-prefix b
iptables -A INPUT -j MARK
iptables -A INPUT -j MARK --set-mark foo
iptables -A INPUT -j MARK --set-mark 1 --or-mark 2
iptables -A INPUT -j MARK --and-mark 1/2
iptables -t nat -A PREROUTING -p tcp -j DNAT
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.999
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination foo
iptables -t nat -A PREROUTING -j DNAT --to-destination 1.1.1.1:80
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:99999
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:90-80
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.9-1.1.1.1
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1 --to-destination 2.2.2.2
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:
iptables -t nat -A POSTROUTING -j SNAT
iptables -t nat -A POSTROUTING -j SNAT --to-source 1.1.1.1:80
iptables -t nat -A POSTROUTING -j MASQUERADE --to-ports 80
iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports foo
iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 90-80
iptables -t nat -A PREROUTING -j REDIRECT --to-ports 80
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports
iptables -t raw -A PREROUTING -j TRACE --foo
iptables -t nat -A PREROUTING -j DROP
iptables -t nat -P PREROUTING DROP
iptables -t nat -P PREROUTING ACCEPT
iptables -t nosuch -L
iptables -t nosuch -A INPUT -j ACCEPT
iptables -t
iptables -N -foo
iptables -N '!foo'
iptables -N 'a b'
iptables -N ACCEPT
iptables -N DNAT
iptables -N 0123456789012345678901234567890
iptables -N 012345678901234567890123456789
iptables -N 01234567890123456789012345678
iptables -X ACCEPT
iptables -A INPUT -j 0123456789012345678901234567890
iptables -A 0123456789012345678901234567890 -j ACCEPT
iptables -L -A INPUT
iptables -L -n -s 1.2.3.4
iptables -L -p tcp
iptables -L -j ACCEPT
iptables -A INPUT -n -j ACCEPT
iptables -A INPUT -x -j ACCEPT
iptables -A INPUT --line-numbers -j ACCEPT
iptables -N X -v
iptables -N X -n
iptables -F -n
iptables -F -Z
iptables -Z -L
iptables -A INPUT -D INPUT 1
iptables -D INPUT 1 -j ACCEPT
iptables -D INPUT 1 -s 1.2.3.4
iptables -P INPUT DROP -j ACCEPT
iptables -S -v
iptables -S -n
iptables -E A
iptables -P INPUT
iptables -P
iptables -L INPUT FOO BAR
iptables -F INPUT FOO
iptables -X INPUT FOO
iptables -I INPUT 0 -j RETURN
iptables -I INPUT -1 -j RETURN
iptables -I INPUT x -j RETURN
iptables -R INPUT
iptables -R INPUT -j DROP
iptables -R INPUT 0 -j DROP
iptables -D INPUT 0
iptables -D INPUT 1 2
iptables -D INPUT x
iptables -S INPUT 0
iptables -Z INPUT x
iptables -C
iptables -C INPUT -j
iptables --append INPUT --jump ACCEPT --bogus
iptables -w -A INPUT -j ACCEPT
iptables -w 5 -A INPUT -j ACCEPT
iptables -w foo -A INPUT -j ACCEPT
iptables --wait -S INPUT
iptables -S
