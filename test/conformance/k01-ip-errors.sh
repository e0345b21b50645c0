# ip, bridge and shell error exit codes: bad names, keywords, duplicates, missing objects
ip netns add s1
ip netns add s1
ip netns del nosuchns
ip netns exec nosuchns ip link show
ip -n s1 link add br type bridge
ip -n s1 link add a type veth peer name b
ip -n s1 link add averyveryverylongname type veth peer name p0
ip -n s1 link add br0 type bridge
ip -n s1 link add br0 type bridge
ip -n s1 link add br1 type frobnic
ip -n s1 link set nodev0 up
ip -n s1 link set br0 sideways
ip -n s1 link set br0 master nobr0
ip -n s1 link del nodev0
ip -n s1 link show nodev0
ip -n s1 link frobnicate
ip -n s1 frobnicate
ip -n s1 addr add 10.0.0.1/24 dev nodev0
ip -n s1 addr add 10.0.0.300/24 dev br0
ip -n s1 addr add 10.0.0.1/24 dev br0
ip -n s1 addr add 10.0.0.1/24 dev br0
ip -n s1 addr del 10.0.0.9/24 dev br0
ip -n s1 addr show dev nodev0
ip -n s1 route frobnicate
ip -n s1 neigh flush
ip -n s1 neigh show dev nodev0
ip netns exec s1 bridge fdb add 02:00:00:00:00:09 dev nodev0 master
ip netns exec s1 bridge link set dev nodev0 hairpin on
ip netns exec s1 brctl show nobr
nosuchcmd
ip netns exec s1 nosuchcmd
ip -n s1 link del br0
ip netns del s1
ip netns del s1
