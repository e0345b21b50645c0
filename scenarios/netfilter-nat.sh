# Netfilter NAT by hand: a gateway namespace masquerades a LAN and forwards a port to a server.

ip netns add gw
ip netns add lan
ip netns add wan
ip -n gw link add l0 type veth peer name eth0 netns lan
ip -n gw link add w0 type veth peer name eth0 netns wan
ip -n gw addr add 192.168.10.1/24 dev l0
ip -n gw addr add 203.0.113.1/24 dev w0
ip -n gw link set l0 up
ip -n gw link set w0 up
ip -n lan addr add 192.168.10.10/24 dev eth0
ip -n lan link set eth0 up
ip -n lan route add default via 192.168.10.1
ip -n wan addr add 203.0.113.50/24 dev eth0
ip -n wan link set eth0 up
ip netns exec gw sysctl -w net.ipv4.ip_forward=1

# Servers: one on the WAN side, one on the LAN side.
ip netns exec wan nc -lk 80 &
ip netns exec lan nc -lk 8080 &

# Without NAT the WAN server has no route back to 192.168.10.10: the SYN arrives, the reply never does.
ip netns exec lan nc -z -w 1 203.0.113.50 80

# MASQUERADE in POSTROUTING rewrites the source to the gateway's WAN address; now it works.
ip netns exec gw iptables -t nat -A POSTROUTING -s 192.168.10.0/24 -o w0 -j MASQUERADE
ip netns exec lan nc -z -w 1 203.0.113.50 80

# A port forward: DNAT in PREROUTING sends the gateway's port 80 to the LAN server's 8080.
ip netns exec gw iptables -t nat -A PREROUTING -i w0 -p tcp --dport 80 -j DNAT --to-destination 192.168.10.10:8080
ip netns exec wan nc -z -w 1 203.0.113.1 80

# A filter rule that drops the forward again: the inspector shows FORWARD rule 1 → DROP.
ip netns exec gw iptables -A FORWARD -i w0 -p tcp --dport 8080 -j DROP
ip netns exec wan nc -z -w 1 203.0.113.1 80

ip netns exec gw iptables-save
ip netns exec gw conntrack -L
