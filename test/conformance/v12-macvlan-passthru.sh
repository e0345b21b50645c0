# macvlan passthru: a single child owns the parent (second child refused), mixing with other modes refused
ip netns add h
ip netns add lan
ip netns add c1
ip -n h link add eth0 type veth peer name eth0 netns lan
ip -n lan addr add 192.168.70.254/24 dev eth0
ip -n h link set eth0 up
ip -n lan link set eth0 up
ip -n h link add mvb link eth0 type macvlan mode bridge
ip -n h link add mvp link eth0 type macvlan mode passthru
ip -n h link del mvb
ip -n h link add mvp link eth0 type macvlan mode passthru
ip -n h link add mvp2 link eth0 type macvlan mode passthru
ip -n h link add mvb link eth0 type macvlan mode bridge
ip -n h link add mvb link eth0 type macvlan
ip -n h link add mvs link eth0 type macvlan mode source
ip -n h link set mvp type macvlan mode bridge
ip -n h link set mvp netns c1
ip -n c1 addr add 192.168.70.11/24 dev mvp
ip -n c1 link set mvp up
ip netns exec c1 ping -c 1 -W 1 192.168.70.254
ip netns exec lan ping -c 1 -W 1 192.168.70.11
ip -n c1 link add mvq link mvp type macvlan mode passthru
ip -n c1 link add mvr link mvp type macvlan mode bridge
ip -n c1 link del mvp
ip -n h link add mvb link eth0 type macvlan mode bridge
ip -n h link add mvc link eth0 type macvlan mode vepa
ip -n h link add mvd link eth0 type macvlan mode private
ip -n h link add mve link eth0 type macvlan mode passthru
ip -n h link del mvb
ip -n h link del mvc
ip -n h link del mvd
ip -n h link add mve link eth0 type macvlan mode passthru
ip -n h link show mve
