# Docker-like (<=27) rules: DOCKER-USER, filter DOCKER, nat DOCKER DNAT; a published port reached from another host
ip netns add dk
ip netns add c1
ip netns add lan
ip -n dk link add docker0 type bridge
ip -n dk addr add 172.17.0.1/16 dev docker0
ip -n dk link set docker0 up
ip -n dk link add veth1 type veth peer name eth0 netns c1
ip -n dk link set veth1 master docker0
ip -n dk link set veth1 up
ip -n c1 addr add 172.17.0.2/16 dev eth0
ip -n c1 link set eth0 up
ip -n c1 route add default via 172.17.0.1
ip -n dk link add eth0 type veth peer name eth0 netns lan
ip -n dk addr add 192.168.1.10/24 dev eth0
ip -n dk link set eth0 up
ip -n lan addr add 192.168.1.20/24 dev eth0
ip -n lan link set eth0 up
ip netns exec dk sysctl -w net.ipv4.ip_forward=1
ip netns exec c1 nc -lk 80 &
ip netns exec lan nc -lk 5000 &
ip netns exec dk iptables -t nat -N DOCKER
ip netns exec dk iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
ip netns exec dk iptables -t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
ip netns exec dk iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
ip netns exec dk iptables -t nat -A DOCKER -i docker0 -j RETURN
ip netns exec dk iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
ip netns exec dk iptables -N DOCKER
ip netns exec dk iptables -N DOCKER-USER
ip netns exec dk iptables -P FORWARD DROP
ip netns exec dk iptables -A FORWARD -j DOCKER-USER
ip netns exec dk iptables -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec dk iptables -A FORWARD -o docker0 -j DOCKER
ip netns exec dk iptables -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
ip netns exec dk iptables -A DOCKER-USER -j RETURN
ip netns exec lan nc -z -w 1 192.168.1.10 8080
ip netns exec dk iptables -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
ip netns exec lan nc -z -w 1 192.168.1.10 8080
ip netns exec dk nc -z -w 1 192.168.1.10 8080
ip netns exec c1 nc -z -w 1 192.168.1.20 5000
ip netns exec dk iptables -I DOCKER-USER -s 192.168.1.20 -j DROP
ip netns exec lan nc -z -w 1 192.168.1.10 8080
ip netns exec c1 nc -z -w 1 192.168.1.20 5000
ip netns exec dk iptables -D DOCKER-USER 1
ip netns exec lan nc -z -w 1 192.168.1.10 8080
