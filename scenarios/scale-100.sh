# A hundred namespaces: 98 containers on two user-defined networks (49 alpine on front, 49 nginx on back), the machine and its uplink.
# Used to check that the picture stays readable and the page fast at this size (npm run bench:ui loads it).

docker network create front
docker network create back

docker run -d --name c1 --network front alpine sleep 1000
docker run -d --name c2 --network back nginx
docker run -d --name c3 --network front alpine sleep 1000
docker run -d --name c4 --network back nginx
docker run -d --name c5 --network front alpine sleep 1000
docker run -d --name c6 --network back nginx
docker run -d --name c7 --network front alpine sleep 1000
docker run -d --name c8 --network back nginx
docker run -d --name c9 --network front alpine sleep 1000
docker run -d --name c10 --network back nginx
docker run -d --name c11 --network front alpine sleep 1000
docker run -d --name c12 --network back nginx
docker run -d --name c13 --network front alpine sleep 1000
docker run -d --name c14 --network back nginx
docker run -d --name c15 --network front alpine sleep 1000
docker run -d --name c16 --network back nginx
docker run -d --name c17 --network front alpine sleep 1000
docker run -d --name c18 --network back nginx
docker run -d --name c19 --network front alpine sleep 1000
docker run -d --name c20 --network back nginx
docker run -d --name c21 --network front alpine sleep 1000
docker run -d --name c22 --network back nginx
docker run -d --name c23 --network front alpine sleep 1000
docker run -d --name c24 --network back nginx
docker run -d --name c25 --network front alpine sleep 1000
docker run -d --name c26 --network back nginx
docker run -d --name c27 --network front alpine sleep 1000
docker run -d --name c28 --network back nginx
docker run -d --name c29 --network front alpine sleep 1000
docker run -d --name c30 --network back nginx
docker run -d --name c31 --network front alpine sleep 1000
docker run -d --name c32 --network back nginx
docker run -d --name c33 --network front alpine sleep 1000
docker run -d --name c34 --network back nginx
docker run -d --name c35 --network front alpine sleep 1000
docker run -d --name c36 --network back nginx
docker run -d --name c37 --network front alpine sleep 1000
docker run -d --name c38 --network back nginx
docker run -d --name c39 --network front alpine sleep 1000
docker run -d --name c40 --network back nginx
docker run -d --name c41 --network front alpine sleep 1000
docker run -d --name c42 --network back nginx
docker run -d --name c43 --network front alpine sleep 1000
docker run -d --name c44 --network back nginx
docker run -d --name c45 --network front alpine sleep 1000
docker run -d --name c46 --network back nginx
docker run -d --name c47 --network front alpine sleep 1000
docker run -d --name c48 --network back nginx
docker run -d --name c49 --network front alpine sleep 1000
docker run -d --name c50 --network back nginx
docker run -d --name c51 --network front alpine sleep 1000
docker run -d --name c52 --network back nginx
docker run -d --name c53 --network front alpine sleep 1000
docker run -d --name c54 --network back nginx
docker run -d --name c55 --network front alpine sleep 1000
docker run -d --name c56 --network back nginx
docker run -d --name c57 --network front alpine sleep 1000
docker run -d --name c58 --network back nginx
docker run -d --name c59 --network front alpine sleep 1000
docker run -d --name c60 --network back nginx
docker run -d --name c61 --network front alpine sleep 1000
docker run -d --name c62 --network back nginx
docker run -d --name c63 --network front alpine sleep 1000
docker run -d --name c64 --network back nginx
docker run -d --name c65 --network front alpine sleep 1000
docker run -d --name c66 --network back nginx
docker run -d --name c67 --network front alpine sleep 1000
docker run -d --name c68 --network back nginx
docker run -d --name c69 --network front alpine sleep 1000
docker run -d --name c70 --network back nginx
docker run -d --name c71 --network front alpine sleep 1000
docker run -d --name c72 --network back nginx
docker run -d --name c73 --network front alpine sleep 1000
docker run -d --name c74 --network back nginx
docker run -d --name c75 --network front alpine sleep 1000
docker run -d --name c76 --network back nginx
docker run -d --name c77 --network front alpine sleep 1000
docker run -d --name c78 --network back nginx
docker run -d --name c79 --network front alpine sleep 1000
docker run -d --name c80 --network back nginx
docker run -d --name c81 --network front alpine sleep 1000
docker run -d --name c82 --network back nginx
docker run -d --name c83 --network front alpine sleep 1000
docker run -d --name c84 --network back nginx
docker run -d --name c85 --network front alpine sleep 1000
docker run -d --name c86 --network back nginx
docker run -d --name c87 --network front alpine sleep 1000
docker run -d --name c88 --network back nginx
docker run -d --name c89 --network front alpine sleep 1000
docker run -d --name c90 --network back nginx
docker run -d --name c91 --network front alpine sleep 1000
docker run -d --name c92 --network back nginx
docker run -d --name c93 --network front alpine sleep 1000
docker run -d --name c94 --network back nginx
docker run -d --name c95 --network front alpine sleep 1000
docker run -d --name c96 --network back nginx
docker run -d --name c97 --network front alpine sleep 1000
docker run -d --name c98 --network back nginx

# c1 pings c3 on front: the ARP request floods to every port of front's bridge (48 copies), then the echo crosses.
docker exec c1 ping -c 1 -W 1 c3
# c2 fetches a page from c4 on back.
docker exec c2 wget -qO- http://c4/
