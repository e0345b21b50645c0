# bridge-nf-call-iptables=0: conntrack state of bridged flows, then hairpin on a port without NAT
ip netns add host
ip netns add c1
ip netns add c2
ip -n host link add br0 type bridge
ip -n host addr add 172.24.0.1/24 dev br0
ip -n host link set br0 up
ip -n host link add v1 type veth peer name eth0 netns c1
ip -n host link add v2 type veth peer name eth0 netns c2
ip -n host link set v1 master br0
ip -n host link set v2 master br0
ip -n host link set v1 up
ip -n host link set v2 up
ip -n c1 addr add 172.24.0.2/24 dev eth0
ip -n c2 addr add 172.24.0.3/24 dev eth0
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip netns exec c2 nc -lk 80 &
ip netns exec c1 nc -lk 80 &
ip netns exec host iptables -P FORWARD DROP
ip netns exec host iptables -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT
ip netns exec host iptables -A FORWARD -i br0 -o br0 -m conntrack --ctstate NEW -p tcp --dport 80 -s 172.24.0.2 -j ACCEPT
ip netns exec c1 nc -z -w 1 172.24.0.3 80
ip netns exec c2 nc -z -w 1 172.24.0.2 80
ip netns exec host sysctl -w net.bridge.bridge-nf-call-iptables=0
ip netns exec c2 nc -z -w 1 172.24.0.2 80
ip netns exec c2 ping -c 1 -W 1 172.24.0.2
ip netns exec host sysctl -w net.bridge.bridge-nf-call-iptables=1
ip netns exec c2 ping -c 1 -W 1 172.24.0.2
ip netns exec c1 ping -c 1 -W 1 172.24.0.3
ip netns exec host iptables -A FORWARD -p icmp -j ACCEPT
ip -n c1 addr add 172.24.0.12/24 dev eth0
ip netns exec c1 ping -c 1 -W 1 -I 172.24.0.12 172.24.0.2
ip netns exec host bridge link set dev v1 hairpin on
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 -I 172.24.0.12 172.24.0.2
ip netns exec c1 nc -z -w 1 172.24.0.2 80
ip netns exec host bridge link set dev v1 hairpin off
ip netns exec host bridge link set dev v9 hairpin on
ip netns exec host bridge link set dev v1 hairpin maybe
