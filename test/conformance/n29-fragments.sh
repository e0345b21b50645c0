# -f (fragments): conntrack reassembles before FORWARD, so -f matches only untracked paths; MTU refragmentation
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.183.1.1/24 dev c0
ip -n gw addr add 10.183.2.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 10.183.1.2/24 dev eth0
ip -n srv addr add 10.183.2.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.183.1.1
ip -n srv route add default via 10.183.2.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec cli ping -c 1 -W 1 -s 3000 10.183.2.2
ip netns exec gw iptables -A FORWARD -f -j DROP
ip netns exec cli ping -c 1 -W 1 -s 3000 10.183.2.2
ip netns exec cli ping -c 1 -W 1 -s 1000 10.183.2.2
ip netns exec gw iptables -A INPUT -f -j DROP
ip netns exec cli ping -c 1 -W 1 -s 3000 10.183.1.1
ip netns exec gw iptables -R FORWARD 1 ! -f -p icmp -j DROP
ip netns exec cli ping -c 1 -W 1 -s 3000 10.183.2.2
ip netns exec cli ping -c 1 -W 1 -s 100 10.183.2.2
ip netns exec gw iptables -R FORWARD 1 -p icmp -m length --length 1500:65535 -j DROP
ip netns exec cli ping -c 1 -W 1 -s 3000 10.183.2.2
ip netns exec cli ping -c 1 -W 1 -s 1400 10.183.2.2
ip netns exec gw iptables -F FORWARD
ip -n gw link set s0 mtu 1300
ip -n srv link set eth0 mtu 1300
ip netns exec cli ping -c 1 -W 1 -s 1400 10.183.2.2
ip netns exec cli ping -c 1 -W 1 -M do -s 1400 10.183.2.2
ip netns exec gw iptables -t raw -A PREROUTING -j NOTRACK
ip netns exec gw iptables -A FORWARD -f -j DROP
ip netns exec cli ping -c 1 -W 1 -s 3000 10.183.2.2
ip netns exec cli ping -c 1 -W 1 -s 1000 10.183.2.2
ip netns exec gw iptables -A FORWARD -p tcp -f --dport 80 -j DROP
ip netns exec gw iptables -A FORWARD -f -p icmp -j DROP
ip netns exec gw iptables -S FORWARD
ip netns exec gw iptables -t raw -F PREROUTING
ip netns exec gw iptables -I FORWARD -m conntrack --ctstate INVALID -j DROP
ip netns exec cli ping -c 1 -W 1 -s 3000 10.183.2.2
