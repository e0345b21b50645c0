# Two default routes with different metrics: the lower metric wins; deleting it falls back
ip netns add h
ip netns add g1
ip netns add g2
ip netns add t
ip -n h link add e1 type veth peer name lan netns g1
ip -n h link add e2 type veth peer name lan netns g2
ip -n g1 link add far type veth peer name eth0 netns t
ip -n h addr add 10.171.1.2/24 dev e1
ip -n h addr add 10.171.2.2/24 dev e2
ip -n g1 addr add 10.171.1.1/24 dev lan
ip -n g2 addr add 10.171.2.1/24 dev lan
ip -n g1 addr add 10.179.0.1/24 dev far
ip -n t addr add 10.179.0.2/24 dev eth0
ip -n h link set e1 up
ip -n h link set e2 up
ip -n g1 link set lan up
ip -n g2 link set lan up
ip -n g1 link set far up
ip -n t link set eth0 up
ip -n t route add default via 10.179.0.1
ip netns exec g1 sysctl -w net.ipv4.ip_forward=1
ip -n h route add default via 10.171.2.1 metric 100
ip -n h route add default via 10.171.1.1 metric 200
ip -n h route add default via 10.171.1.1 metric 200
ip -n h route add default via 10.171.1.1
ip netns exec h ping -c 1 -W 1 10.179.0.2
ip -n h route del default
ip netns exec h ping -c 1 -W 1 10.179.0.2
ip -n h route del default metric 100
ip netns exec h ping -c 1 -W 1 10.179.0.2
ip -n h route del default metric 100
ip -n h route get 10.179.0.2
ip -n h route del default via 10.171.1.1 metric 200
ip netns exec h ping -c 1 -W 1 10.179.0.2
ip -n h route add default via 10.171.2.1 metric 5
ip -n h route add default via 10.171.1.1 metric 4
ip netns exec h ping -c 1 -W 1 10.179.0.2
ip -n h link set e1 down
ip netns exec h ping -c 1 -W 1 10.179.0.2
ip -n h route show
ip -n h route add default via 10.171.1.1 metric abc
ip -n h route add default via 10.171.1.1 metric 4294967295
