# Bridge static FDB entries on ports steering unicast frames; fdb add/del/show exit codes
ip netns add sw
ip netns add a
ip netns add b
ip netns add c
ip -n sw link add br0 type bridge
ip -n sw link add pa type veth peer name eth0 netns a
ip -n sw link add pb type veth peer name eth0 netns b
ip -n sw link add pc type veth peer name eth0 netns c
ip -n b link set eth0 address 02:00:00:00:29:0b
ip -n sw link set pa master br0
ip -n sw link set pb master br0
ip -n sw link set pc master br0
ip -n sw link set br0 up
ip -n sw link set pa up
ip -n sw link set pb up
ip -n sw link set pc up
ip netns exec sw bridge fdb add 02:00:00:00:29:0b dev pc master static
ip -n a addr add 10.29.0.1/24 dev eth0
ip -n b addr add 10.29.0.2/24 dev eth0
ip -n c addr add 10.29.0.3/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n c link set eth0 up
ip netns exec a ping -c 1 -W 1 10.29.0.2
ip netns exec sw bridge fdb show br br0
ip netns exec sw bridge fdb add 02:00:00:00:29:0b dev pc master static
ip netns exec sw bridge fdb del 02:00:00:00:29:0b dev pc master
ip netns exec sw bridge fdb del 02:00:00:00:29:0b dev pc master
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.29.0.2
ip netns exec sw bridge fdb add 02:00:00:00:29:0b dev pb master static
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.29.0.2
ip netns exec sw bridge fdb show dev pb
ip netns exec sw bridge fdb add 02:00:00:00:29:0c dev br0 master static
ip netns exec sw bridge fdb add 02:00:00:00:29:0c dev nodev0 master static
ip netns exec sw bridge fdb add zz:00:00:00:29:0c dev pa master static
ip netns exec sw bridge link set dev pa hairpin on
ip netns exec sw bridge link set dev pa hairpin off
ip netns exec sw bridge link set dev br0 hairpin on
ip netns exec c ping -c 1 -W 1 10.29.0.2
ip netns exec sw brctl show br0
