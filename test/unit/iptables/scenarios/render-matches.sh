# How each match is listed by -L (names and numbers), -L -v, -S and iptables-save
iptables -A INPUT -p tcp --sport 1000:2000 --dport 22 -j ACCEPT
iptables -A INPUT -p tcp ! --dport 22 --tcp-flags SYN,ACK SYN
iptables -A INPUT -p tcp --syn -j DROP
iptables -A INPUT -p tcp ! --syn
iptables -A INPUT -p tcp ! --sport 1:1023
iptables -A INPUT -p tcp --tcp-flags ALL NONE
iptables -A INPUT -p tcp --tcp-flags ALL FIN,URG,PSH
iptables -A INPUT -p tcp --tcp-flags ACK,RST,URG NONE
iptables -A INPUT -p tcp -m tcp
iptables -A INPUT -p tcp --dport 0:65535
iptables -A INPUT -p tcp --dport :1024
iptables -A INPUT -p tcp --dport 1024:
iptables -A INPUT -p tcp --sport 22:22
iptables -A INPUT -p tcp --dport https
iptables -A INPUT -p udp --dport 53 -j ACCEPT
iptables -A INPUT -p udp --sport 67:68 --dport 68
iptables -A INPUT -p udp ! --dport 5353
iptables -A INPUT -p udp --dport 4789
iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT
iptables -A INPUT -p icmp --icmp-type echo-reply
iptables -A INPUT -p icmp --icmp-type 3/4
iptables -A INPUT -p icmp ! --icmp-type 8
iptables -A INPUT -p icmp --icmp-type destination-unreachable
iptables -A INPUT -p icmp --icmp-type port-unreachable
iptables -A INPUT -p icmp --icmp-type any
iptables -A INPUT -p icmp --icmp-type 3/99
iptables -A INPUT -p icmp --icmp-type 11
iptables -A INPUT -p icmp --icmp-type time-exceeded
iptables -A INPUT -p icmp --icmp-type ttl-exceeded
iptables -A INPUT -p icmp --icmp-type 200
iptables -A INPUT -p icmp --icmp-type pong
iptables -A INPUT -p icmp --icmp-type host-prohibited
iptables -A INPUT -p icmp --icmp-type redirect
iptables -A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT
iptables -A INPUT -p udp -m multiport ! --sports 1,2
iptables -A INPUT -p tcp -m multiport --ports 22
iptables -A INPUT -p tcp -m multiport --destination-ports 22,ssh,http
iptables -A INPUT -p tcp -m multiport --source-ports 1:2,3
iptables -A INPUT -m conntrack --ctstate NEW,INVALID --ctorigdst 10.0.0.1 --ctorigsrc 10.0.0.0/8 --ctorigdstport 80 --ctdir REPLY
iptables -A INPUT -m conntrack ! --ctstate ESTABLISHED
iptables -A INPUT -m conntrack --ctstate DNAT,SNAT,UNTRACKED,RELATED,ESTABLISHED,NEW,INVALID
iptables -A INPUT -m conntrack ! --ctorigdst 10.0.0.0/24 ! --ctorigsrc 1.2.3.4 ! --ctorigdstport 8080 --ctdir ORIGINAL
iptables -A INPUT -m conntrack --ctorigdstport 1000:2000
iptables -A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
iptables -A INPUT -m state ! --state NEW,INVALID,UNTRACKED
iptables -A INPUT -m addrtype --src-type LOCAL,UNICAST ! --dst-type BROADCAST --limit-iface-in
iptables -A INPUT -m addrtype --dst-type LOCAL --limit-iface-out
iptables -A INPUT -m addrtype ! --src-type MULTICAST,BLACKHOLE,UNREACHABLE,PROHIBIT,THROW,NAT,XRESOLVE,ANYCAST,UNSPEC
iptables -A INPUT -m comment --comment 'hello world' -j ACCEPT
iptables -A INPUT -m comment --comment plain
iptables -A INPUT -m comment --comment 'say "hi"'
iptables -A INPUT -m comment --comment 'a\b'
iptables -A INPUT -m comment --comment x -p tcp --dport 80 -j ACCEPT
iptables -A INPUT -p tcp --dport 81 -m comment --comment y -j ACCEPT
iptables -A INPUT -m mark --mark 0x1/0xff
iptables -A INPUT -m mark ! --mark 5
iptables -A INPUT -m mark --mark 0xffffffff
iptables -A INPUT -m mark --mark 10/0xffffffff
iptables -A FORWARD -m physdev --physdev-in veth+ --physdev-out eth0 --physdev-is-bridged
iptables -A FORWARD -m physdev ! --physdev-is-in ! --physdev-is-out
iptables -A FORWARD -m physdev ! --physdev-in br0 ! --physdev-out eth1 ! --physdev-is-bridged
iptables -A FORWARD -m physdev --physdev-is-in
iptables -A FORWARD -m conntrack --ctstate NEW -p tcp --dport 80 -j ACCEPT
iptables -A FORWARD -m mark --mark 1 -m conntrack --ctstate NEW -m comment --comment both
iptables -A FORWARD -p udp -m multiport --dports 53,67 -m udp --sport 1024:65535
iptables -L
iptables -L -n
iptables -L -v -n
iptables -L -v
iptables -S
iptables-save
