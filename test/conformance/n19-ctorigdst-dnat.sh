# conntrack matches after NAT: --ctorigdst, --ctorigdstport, --ctreplsrc, --ctstate DNAT/SNAT, --ctdir
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.173.1.1/24 dev c0
ip -n gw addr add 10.173.2.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 10.173.1.2/24 dev eth0
ip -n srv addr add 10.173.2.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.173.1.1
ip -n srv route add default via 10.173.2.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec srv nc -lk 80 &
ip netns exec srv nc -lk 8080 &
ip netns exec gw iptables -t nat -A PREROUTING -d 10.173.1.1 -p tcp --dport 8000 -j DNAT --to-destination 10.173.2.2:80
ip netns exec gw iptables -P FORWARD DROP
ip netns exec gw iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec cli nc -z -w 1 10.173.1.1 8000
ip netns exec gw iptables -A FORWARD -m conntrack --ctstate DNAT -j ACCEPT
ip netns exec cli nc -z -w 1 10.173.1.1 8000
ip netns exec cli nc -z -w 1 10.173.2.2 80
ip netns exec gw iptables -R FORWARD 2 -m conntrack --ctorigdst 10.173.1.1 -j ACCEPT
ip netns exec cli nc -z -w 1 10.173.1.1 8000
ip netns exec gw iptables -R FORWARD 2 -p tcp -m conntrack --ctorigdstport 8000 -j ACCEPT
ip netns exec cli nc -z -w 1 10.173.1.1 8000
ip netns exec gw iptables -R FORWARD 2 -p tcp -m conntrack --ctorigdstport 80 -j ACCEPT
ip netns exec cli nc -z -w 1 10.173.1.1 8000
ip netns exec cli nc -z -w 1 10.173.2.2 80
ip netns exec gw iptables -R FORWARD 2 -m conntrack --ctreplsrc 10.173.2.2 --ctstate NEW -j ACCEPT
ip netns exec cli nc -z -w 1 10.173.1.1 8000
ip netns exec cli nc -z -w 1 10.173.2.2 8080
ip netns exec gw iptables -R FORWARD 2 -m conntrack --ctdir REPLY -j ACCEPT
ip netns exec cli nc -z -w 1 10.173.2.2 8080
ip netns exec gw iptables -R FORWARD 2 -m conntrack --ctdir ORIGINAL --ctstate NEW -j ACCEPT
ip netns exec cli nc -z -w 1 10.173.2.2 8080
ip netns exec gw iptables -t nat -A POSTROUTING -o s0 -j MASQUERADE
ip netns exec gw iptables -R FORWARD 2 -m conntrack --ctstate SNAT -j ACCEPT
ip netns exec cli nc -z -w 1 10.173.2.2 8080
ip netns exec gw iptables -R FORWARD 2 -m conntrack ! --ctstate SNAT -j ACCEPT
ip netns exec cli nc -z -w 1 10.173.2.2 8080
