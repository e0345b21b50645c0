# Bridge ports moved to another namespace, a bridge deleted with its ports, bad masters
ip netns add sw
ip netns add a
ip netns add b
ip netns add x
ip -n sw link add br0 type bridge
ip -n sw link add pa type veth peer name eth0 netns a
ip -n sw link add pb type veth peer name eth0 netns b
ip -n sw link set pa master br0
ip -n sw link set pb master br0
ip -n sw link set br0 up
ip -n sw link set pa up
ip -n sw link set pb up
ip -n a addr add 10.30.0.1/24 dev eth0
ip -n b addr add 10.30.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ping -c 1 -W 1 10.30.0.2
ip -n sw link set pb netns x
ip netns exec sw brctl show br0
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.30.0.2
ip -n x link set pb master br0
ip -n x link set pb netns sw
ip -n sw link set pb master br0
ip -n sw link set pb up
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.30.0.2
ip -n sw link add br1 type bridge
ip -n sw link set br1 master br0
ip -n sw link set pa master pb
ip -n sw link set lo master br0
ip -n sw link set pa master br1
ip netns exec sw brctl show br1
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.30.0.2
ip -n sw link set pa master br0
ip -n sw link del br0
ip -n sw link show pa
ip -n sw link show pb
ip netns exec sw brctl show br0
ip -n sw link set br1 up
ip -n sw link set pb master br1
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.30.0.2
