# -A, -I at positions, -D by spec and number, -R, -C, -Z, -L/-S with a rule number, -F
iptables -I INPUT 2 -j ACCEPT
iptables -I INPUT 1 -s 10.0.0.1 -j ACCEPT
iptables -I INPUT 3 -j DROP
iptables -I INPUT 2 -s 10.0.0.2 -j RETURN
iptables -I INPUT -s 10.0.0.3 -j LOG
iptables -A INPUT -s 10.0.0.4 -j DROP
iptables -I INPUT 5 -s 10.0.0.5
iptables -I INPUT 7 -s 10.0.0.6
iptables -S INPUT
iptables -L INPUT -n --line-numbers
iptables -R INPUT 8 -j DROP
iptables -R INPUT 7 -j DROP
iptables -R INPUT 1 -p tcp --dport 22 -j ACCEPT
iptables -S INPUT
iptables -C INPUT -p tcp --dport 22 -j ACCEPT
iptables -C INPUT -p tcp --dport ssh -j ACCEPT
iptables -C INPUT -p tcp -m tcp --dport 22 -j ACCEPT
iptables -C INPUT -p tcp --dport 22 -j DROP
iptables -C INPUT -p tcp --dport 22
iptables -C INPUT -p 6 --dport 22 -j ACCEPT
iptables -C INPUT -s 10.0.0.2/32 -j RETURN
iptables -C INPUT -s 10.0.0.2/255.255.255.255 -j RETURN
iptables -C INPUT -s 10.0.0.2/24 -j RETURN
iptables -D INPUT 9
iptables -D INPUT 7
iptables -D INPUT -s 10.0.0.5
iptables -D INPUT -s 10.0.0.5
iptables -D INPUT -s 10.0.0.2 -j RETURN
iptables -S INPUT
iptables -S INPUT 1
iptables -S INPUT 3
iptables -S INPUT 99
iptables -L INPUT 2
iptables -L INPUT 2 -v -n --line-numbers
iptables -L INPUT 99
iptables -Z INPUT 2
iptables -Z INPUT 99
iptables -Z INPUT
iptables -Z
iptables -Z NOPE
iptables -L -Z
iptables -S -Z
iptables -L -Z INPUT 1
iptables -A INPUT -p tcp --dport 80 -j ACCEPT
iptables -A INPUT -p tcp --dport 80 -j ACCEPT
iptables -D INPUT -p tcp --dport 80 -j ACCEPT
iptables -S INPUT
iptables -A INPUT -s 1.1.1.1,2.2.2.2 -d 3.3.3.3,4.4.4.4 -j ACCEPT
iptables -S INPUT
iptables -D INPUT -s 1.1.1.1,2.2.2.2 -d 3.3.3.3 -j ACCEPT
iptables -S INPUT
iptables -I INPUT 2 -s 5.5.5.5,6.6.6.6 -j DROP
iptables -S INPUT
iptables -C INPUT -s 5.5.5.5,6.6.6.6 -j DROP
iptables -C INPUT -s 5.5.5.5,7.7.7.7 -j DROP
iptables -D INPUT -s 5.5.5.5,7.7.7.7 -j DROP
iptables -S INPUT
iptables -A INPUT -j MARK --set-mark 1
iptables -D INPUT -j MARK --set-xmark 0x1/0xffffffff
iptables -A INPUT -p icmp --icmp-type echo-request
iptables -D INPUT -p icmp --icmp-type 8
iptables -A INPUT -m state --state ESTABLISHED,RELATED
iptables -D INPUT -m state --state RELATED,ESTABLISHED
iptables -A INPUT -m multiport -p tcp --dports http,443
iptables -D INPUT -p tcp -m multiport --dports 80,https
iptables -A INPUT -m comment --comment a -m comment --comment b
iptables -S INPUT
iptables -F INPUT
iptables -S INPUT
iptables -F NOPE
iptables -F
iptables -S
