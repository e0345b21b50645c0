# Bridge ports: link down, nomaster, re-master, bridge down, MTU following the smallest port
ip netns add sw
ip netns add a
ip netns add b
ip -n sw link add br0 type bridge
ip -n sw link add pa type veth peer name eth0 netns a
ip -n sw link add pb type veth peer name eth0 netns b
ip -n sw link set pa master br0
ip -n sw link set pb master br0
ip -n sw link set pa master br0
ip -n sw link set pa master nobr0
ip -n sw addr add 10.90.0.1/24 dev br0
ip -n a addr add 10.90.0.11/24 dev eth0
ip -n b addr add 10.90.0.12/24 dev eth0
ip -n sw link set pa up
ip -n sw link set pb up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ping -c 1 -W 1 10.90.0.12
ip -n sw link set br0 up
ip netns exec a ping -c 1 -W 1 10.90.0.12
ip netns exec a ping -c 1 -W 1 10.90.0.1
ip -n sw link set pb down
ip netns exec a ping -c 1 -W 1 10.90.0.12
ip -n sw link set pb up
ip netns exec a ping -c 1 -W 1 10.90.0.12
ip -n sw link set pb nomaster
ip -n b neigh flush all
ip netns exec a ping -c 1 -W 1 10.90.0.12
ip -n sw link set pb master br0
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.90.0.12
ip -n sw link set pb mtu 1400
ip netns exec sw ping -c 1 -W 1 -M do -s 1400 10.90.0.12
ip netns exec sw ping -c 1 -W 1 -M do -s 1372 10.90.0.12
ip -n sw link set pb mtu 1500
ip netns exec sw ping -c 1 -W 1 -M do -s 1472 10.90.0.12
ip -n sw link set br0 down
ip netns exec a ping -c 1 -W 1 10.90.0.12
ip -n sw link set br0 up
ip netns exec a ping -c 1 -W 1 10.90.0.12
ip -n sw link del br0
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.90.0.12
