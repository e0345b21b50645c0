# SNAT --to-source: the server has no route back to the client subnet, only to the gateway's own addresses
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.80.0.1/24 dev c0
ip -n gw addr add 198.51.100.1/24 dev s0
ip -n gw addr add 198.51.100.7/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 10.80.0.2/24 dev eth0
ip -n srv addr add 198.51.100.10/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.80.0.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec srv nc -lk 443 &
ip netns exec cli ping -c 1 -W 1 198.51.100.10
ip netns exec cli nc -z -w 1 198.51.100.10 443
ip netns exec gw iptables -t nat -A POSTROUTING -s 10.80.0.0/24 -o s0 -j SNAT --to-source 198.51.100.7
ip netns exec cli ping -c 1 -W 1 198.51.100.10
ip netns exec cli nc -z -w 1 198.51.100.10 443
ip netns exec gw iptables -t nat -R POSTROUTING 1 -s 10.80.0.0/24 -o s0 -j SNAT --to-source 198.51.100.99
ip netns exec cli ping -c 1 -W 1 198.51.100.10
ip netns exec cli nc -z -w 1 198.51.100.10 443
ip -n gw addr add 198.51.100.99/24 dev s0
ip -n srv neigh flush all
ip netns exec cli ping -c 1 -W 1 198.51.100.10
ip netns exec cli nc -z -w 1 198.51.100.10 443
ip netns exec gw iptables -t nat -R POSTROUTING 1 -s 10.80.0.0/24 -o c0 -j SNAT --to-source 198.51.100.7
ip -n srv neigh flush all
ip netns exec cli ping -c 1 -W 1 198.51.100.10
ip netns exec gw iptables -t nat -R POSTROUTING 1 -p tcp -o s0 -j SNAT --to-source 198.51.100.7:40000-40010
ip netns exec cli nc -z -w 1 198.51.100.10 443
ip netns exec cli ping -c 1 -W 1 198.51.100.10
ip netns exec gw iptables -t nat -F POSTROUTING
ip netns exec cli nc -z -w 1 198.51.100.10 443
