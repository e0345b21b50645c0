# Which targets each table and chain accepts (the kernel's checks)
iptables -A INPUT -j DNAT --to-destination 10.0.0.1
iptables -t nat -A POSTROUTING -j DNAT --to-destination 10.0.0.1
iptables -t nat -A INPUT -j DNAT --to-destination 10.0.0.1
iptables -t nat -A PREROUTING -j DNAT --to-destination 10.0.0.1
iptables -t nat -A OUTPUT -j DNAT --to-destination 10.0.0.1
iptables -t nat -A PREROUTING -j SNAT --to-source 10.0.0.1
iptables -t nat -A OUTPUT -j SNAT --to-source 10.0.0.1
iptables -t nat -A INPUT -j SNAT --to-source 10.0.0.1
iptables -t nat -A POSTROUTING -j SNAT --to-source 10.0.0.1
iptables -t nat -A OUTPUT -j MASQUERADE
iptables -t nat -A INPUT -j MASQUERADE
iptables -t nat -A PREROUTING -j MASQUERADE
iptables -A INPUT -j MASQUERADE
iptables -t mangle -A POSTROUTING -j MASQUERADE
iptables -t nat -A POSTROUTING -j REDIRECT
iptables -t nat -A INPUT -j REDIRECT
iptables -t nat -A OUTPUT -j REDIRECT
iptables -A INPUT -j REDIRECT
iptables -A INPUT -j TRACE
iptables -t mangle -A INPUT -j TRACE
iptables -t nat -A PREROUTING -j TRACE
iptables -A INPUT -j NOTRACK
iptables -t mangle -A PREROUTING -j NOTRACK
iptables -t raw -A OUTPUT -j NOTRACK
iptables -A INPUT -j CT --notrack
iptables -t nat -A PREROUTING -j REJECT
iptables -t mangle -A INPUT -j REJECT
iptables -t mangle -A FORWARD -j REJECT
iptables -t raw -A PREROUTING -j REJECT
iptables -A INPUT -j REJECT --reject-with tcp-reset
iptables -A INPUT -p udp -j REJECT --reject-with tcp-reset
iptables -A INPUT ! -p tcp -j REJECT --reject-with tcp-reset
iptables -A FORWARD -p tcp -j REJECT --reject-with tcp-reset
iptables -A OUTPUT -j REJECT
iptables -t nat -A PREROUTING -j ACCEPT
iptables -t nat -A PREROUTING -j DROP
iptables -t nat -A PREROUTING -j LOG
iptables -t nat -A PREROUTING -j MARK --set-mark 1
iptables -t raw -A PREROUTING -j MARK --set-mark 1
iptables -A FORWARD -j MARK --set-mark 1
iptables -t nat -N X
iptables -t nat -A X -j DNAT --to-destination 1.1.1.1
iptables -t nat -A X -j MASQUERADE
iptables -t nat -A PREROUTING -j X
iptables -t nat -A POSTROUTING -j X
iptables -t nat -A INPUT -j X
iptables -t nat -N Y
iptables -t nat -A Y -j X
iptables -t nat -A OUTPUT -j Y
iptables -t nat -N Z
iptables -t nat -A POSTROUTING -j Z
iptables -t nat -A Z -j DNAT --to-destination 1.1.1.1
iptables -t nat -I Z -j MASQUERADE
iptables -t nat -R Z 1 -j DNAT --to-destination 1.1.1.1
iptables -t nat -R Z 1 -j SNAT --to-source 1.1.1.1
iptables -t nat -N W
iptables -t nat -A W -j REDIRECT
iptables -t nat -A PREROUTING -j W
iptables -t nat -A OUTPUT -g W
iptables -N F
iptables -A F -j REJECT
iptables -t mangle -N M
iptables -t mangle -A M -j REJECT
iptables -t mangle -A PREROUTING -j M
iptables -t nat -A POSTROUTING -p tcp -j DNAT --to-destination 1.1.1.1:80
iptables -t filter -A INPUT -j MARK --set-mark 1
iptables -t nat -S
iptables -t mangle -S
iptables -t raw -S
iptables -S
