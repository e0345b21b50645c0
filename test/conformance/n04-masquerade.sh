# MASQUERADE: two LAN hosts behind a bridge reach a server that only knows the gateway's WAN address
ip netns add gw
ip netns add h1
ip netns add h2
ip netns add wan
ip -n gw link add br0 type bridge
ip -n gw addr add 192.168.50.1/24 dev br0
ip -n gw link set br0 up
ip -n gw link add p1 type veth peer name eth0 netns h1
ip -n gw link add p2 type veth peer name eth0 netns h2
ip -n gw link set p1 master br0
ip -n gw link set p2 master br0
ip -n gw link set p1 up
ip -n gw link set p2 up
ip -n h1 addr add 192.168.50.11/24 dev eth0
ip -n h2 addr add 192.168.50.12/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n h1 route add default via 192.168.50.1
ip -n h2 route add default via 192.168.50.1
ip -n gw link add up0 type veth peer name eth0 netns wan
ip -n gw addr add 100.64.0.2/30 dev up0
ip -n gw link set up0 up
ip -n wan addr add 100.64.0.1/30 dev eth0
ip -n wan link set eth0 up
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec wan nc -lk 80 &
ip netns exec h1 nc -lk 22 &
ip netns exec h1 ping -c 1 -W 1 100.64.0.1
ip netns exec gw iptables -t nat -A POSTROUTING -s 192.168.50.0/24 ! -o br0 -j MASQUERADE
ip netns exec h1 ping -c 1 -W 1 100.64.0.1
ip netns exec h2 ping -c 1 -W 1 100.64.0.1
ip netns exec h1 nc -z -w 1 100.64.0.1 80
ip netns exec h2 nc -z -w 1 100.64.0.1 80
ip netns exec h2 nc -z -w 1 192.168.50.11 22
ip netns exec wan nc -z -w 1 192.168.50.11 22
ip netns exec wan nc -z -w 1 100.64.0.2 22
ip netns exec gw iptables -t nat -R POSTROUTING 1 -s 192.168.50.0/24 -o up0 -p tcp -j MASQUERADE --to-ports 30000-30100
ip netns exec h1 nc -z -w 1 100.64.0.1 80
ip netns exec h1 ping -c 1 -W 1 100.64.0.1
ip netns exec gw iptables -t nat -D POSTROUTING 1
ip netns exec h2 nc -z -w 1 100.64.0.1 80
