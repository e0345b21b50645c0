# How each target is listed, in every table it is allowed in
iptables -N U
iptables -A INPUT -j REJECT
iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset
iptables -A INPUT -j REJECT --reject-with port-unreach
iptables -A INPUT -j REJECT --reject-with icmp-port-unreachable
iptables -A INPUT -j REJECT --reject-with icmp-host-prohibited
iptables -A INPUT -j REJECT --reject-with host-prohib
iptables -A INPUT -j REJECT --reject-with icmp-admin-prohibited
iptables -A INPUT -j REJECT --reject-with admin-prohib
iptables -A INPUT -j REJECT --reject-with net-unreach
iptables -A INPUT -j REJECT --reject-with icmp-net-unreachable
iptables -A INPUT -j REJECT --reject-with host-unreach
iptables -A INPUT -j REJECT --reject-with icmp-host-unreachable
iptables -A INPUT -j REJECT --reject-with proto-unreach
iptables -A INPUT -j REJECT --reject-with icmp-proto-unreachable
iptables -A INPUT -j REJECT --reject-with net-prohib
iptables -A INPUT -j REJECT --reject-with icmp-net-prohibited
iptables -A INPUT -p tcp -j REJECT --reject-with tcp-rst
iptables -A INPUT -j LOG
iptables -A INPUT -j LOG --log-prefix 'X: ' --log-level 6
iptables -A INPUT -j LOG --log-level warning
iptables -A INPUT -j LOG --log-level 0
iptables -A INPUT -j LOG --log-level alert
iptables -A INPUT -j LOG --log-level crit
iptables -A INPUT -j LOG --log-level error
iptables -A INPUT -j LOG --log-level notice
iptables -A INPUT -j LOG --log-level debug
iptables -A INPUT -j LOG --log-level emerg
iptables -A INPUT -j LOG --log-level panic
iptables -A INPUT -j LOG --log-level 7 --log-prefix plain
iptables -A INPUT -j LOG --log-prefix 'say "hi" '
iptables -A INPUT -g U
iptables -A INPUT -j U
iptables -A INPUT -j MARK --set-mark 1
iptables -A INPUT -j MARK --set-xmark 0x1/0xff
iptables -A INPUT -j MARK --set-xmark 7
iptables -A INPUT -j MARK --and-mark 0xf
iptables -A INPUT -j MARK --or-mark 2
iptables -A INPUT -j MARK --xor-mark 2
iptables -A INPUT -j MARK --set-mark 1/3
iptables -A INPUT -j MARK --set-mark 0
iptables -A INPUT -j RETURN
iptables -A INPUT -j DROP
iptables -A INPUT -j ACCEPT
iptables -A INPUT -j TRACE
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1-10.0.0.5:80-90
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1:80
iptables -t nat -A PREROUTING -p udp -j DNAT --to-destination :53
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1-10.0.0.1
iptables -t nat -A OUTPUT -j DNAT --to-destination 10.0.0.1
iptables -t nat -A POSTROUTING -j SNAT --to-source 1.2.3.4
iptables -t nat -A POSTROUTING -p udp -j SNAT --to-source 1.2.3.4:1000-2000
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4-1.2.3.9:1000
iptables -t nat -A POSTROUTING -j MASQUERADE
iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000
iptables -t nat -A POSTROUTING -p udp -j MASQUERADE --to-ports 1000
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 8080
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 8080-8090
iptables -t nat -A PREROUTING -j REDIRECT
iptables -t nat -A INPUT -j SNAT --to-source 10.0.0.1
iptables -t nat -A OUTPUT -p tcp -j REDIRECT --to-ports 3128
iptables -t nat -A PREROUTING -j ACCEPT
iptables -t nat -A PREROUTING -j RETURN
iptables -t raw -A PREROUTING -j TRACE
iptables -t raw -A PREROUTING -j NOTRACK
iptables -t raw -A OUTPUT -j DROP
iptables -t mangle -A PREROUTING -j MARK --set-mark 0x10
iptables -t mangle -A POSTROUTING -j TRACE
iptables -t mangle -A FORWARD -j LOG --log-prefix fwd
iptables -L
iptables -L -n
iptables -L -v
iptables -S
iptables -t nat -L
iptables -t nat -L -n
iptables -t nat -L -v -n
iptables -t nat -S
iptables -t raw -L
iptables -t raw -L -n -v
iptables -t raw -S
iptables -t mangle -L -n
iptables -t mangle -S
iptables-save
