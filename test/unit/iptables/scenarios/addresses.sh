# Addresses and names: masks, hosts, networks, inversion, /etc/hosts and /etc/networks names
iptables -A INPUT -s 10.0.0.1/255.255.255.0
iptables -A INPUT -s 10.0.0.1/24 -d 192.168.1.1/16
iptables -A INPUT -s 10.1
iptables -A INPUT -s 10
iptables -A INPUT -s localhost
iptables -A INPUT -d 127.0.0.1
iptables -A INPUT -d 127.0.0.0/8
iptables -A INPUT ! -s 127.0.0.0/8 ! -d 169.254.0.0/16
iptables -A INPUT -s 0.0.0.0/0
iptables -A INPUT ! -s 0.0.0.0/0
iptables -A INPUT -s 0.0.0.0/8
iptables -A INPUT -s 1.2.3.4/0
iptables -A INPUT -s 8.8.8.8 -d 255.255.255.255
iptables -A INPUT -s 10.0.0.0/255.255.255.255
iptables -A INPUT -s 10.0.0.0/0.0.0.0
iptables -A INPUT -s 10.0.0.0/255.255.128.0
iptables -A INPUT -d 224.0.0.0/4
iptables -A INPUT -i eth0
iptables -A INPUT ! -i eth0
iptables -A INPUT -i veth+
iptables -A INPUT ! -i veth+
iptables -A INPUT -i +
iptables -A INPUT ! -i +
iptables -A INPUT -i abcdefghijklmno
iptables -A OUTPUT -o lo
iptables -A FORWARD -i eth0 ! -o eth1 -s 1.1.1.1
iptables -A INPUT -p 47
iptables -A INPUT -p gre
iptables -A INPUT -p TCP
iptables -A INPUT -p 0
iptables -A INPUT ! -p tcp
iptables -A INPUT -p sctp
iptables -A INPUT -p 132
iptables -A INPUT -p esp
iptables -A INPUT -p ah
iptables -A INPUT -p 200
iptables -A INPUT -p 255
iptables -A INPUT -p ipv6-icmp
iptables -A INPUT -p 58
iptables -A INPUT -p udplite
iptables -A INPUT -p icmp
iptables -A INPUT -p 1
iptables -A INPUT -p 17
iptables -A INPUT -p ipip
iptables -A INPUT -p 4
iptables -A INPUT -p 41
iptables -A INPUT -p ospf
iptables -A INPUT -p vrrp
iptables -A INPUT -p igmp
iptables -A INPUT -f
iptables -A INPUT ! -f
iptables -A INPUT -f -p tcp -s 1.1.1.1 -i eth0 -j DROP
iptables -L
iptables -L -n
iptables -L -v
iptables -L -v -n
iptables -S
