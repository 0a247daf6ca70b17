package dev.sockscope.service;

import dev.sockscope.model.Proto;
import java.util.Map;

/**
 * The application a port usually belongs to, in words, for the ports people ask about most
 * (IANA's name often says little: 1521 is {@code ncube-lm}, yet it is Oracle's listener).
 * A hint, not a fact: any program may use any port.
 */
public final class Applications {
    private Applications() {}

    private static final Map<Integer, String> TCP = Map.ofEntries(
            Map.entry(20, "FTP data"),
            Map.entry(21, "FTP control"),
            Map.entry(22, "SSH (sshd)"),
            Map.entry(23, "Telnet"),
            Map.entry(25, "SMTP mail relay (Postfix, Exim)"),
            Map.entry(53, "DNS over TCP"),
            Map.entry(80, "HTTP web server (nginx, Apache httpd)"),
            Map.entry(110, "POP3 mail"),
            Map.entry(111, "rpcbind / portmapper (NFS)"),
            Map.entry(135, "Microsoft RPC endpoint mapper"),
            Map.entry(139, "NetBIOS session (Samba)"),
            Map.entry(143, "IMAP mail"),
            Map.entry(389, "LDAP"),
            Map.entry(443, "HTTPS web server"),
            Map.entry(445, "SMB file sharing (Samba, Windows)"),
            Map.entry(465, "SMTP over TLS"),
            Map.entry(587, "SMTP submission"),
            Map.entry(631, "IPP printing (CUPS)"),
            Map.entry(636, "LDAP over TLS"),
            Map.entry(993, "IMAP over TLS"),
            Map.entry(995, "POP3 over TLS"),
            Map.entry(1080, "SOCKS proxy"),
            Map.entry(1433, "Microsoft SQL Server"),
            Map.entry(1521, "Oracle Database listener"),
            Map.entry(1883, "MQTT broker (Mosquitto)"),
            Map.entry(2049, "NFS"),
            Map.entry(2181, "Apache ZooKeeper"),
            Map.entry(2375, "Docker daemon API (plain)"),
            Map.entry(2376, "Docker daemon API (TLS)"),
            Map.entry(2379, "etcd client API"),
            Map.entry(3000, "development web servers (Node.js, Grafana)"),
            Map.entry(3306, "MySQL / MariaDB"),
            Map.entry(3389, "Remote Desktop (RDP, xrdp)"),
            Map.entry(4369, "Erlang port mapper (RabbitMQ)"),
            Map.entry(5000, "development web servers (Flask), Docker registry"),
            Map.entry(5173, "Vite development server"),
            Map.entry(5432, "PostgreSQL"),
            Map.entry(5601, "Kibana"),
            Map.entry(5672, "AMQP broker (RabbitMQ)"),
            Map.entry(5900, "VNC remote desktop"),
            Map.entry(6379, "Redis"),
            Map.entry(6443, "Kubernetes API server"),
            Map.entry(8000, "development web servers (Django, python -m http.server)"),
            Map.entry(8080, "alternative HTTP: application servers (Tomcat, Jetty), Jenkins, proxies"),
            Map.entry(8443, "alternative HTTPS (Tomcat, admin consoles)"),
            Map.entry(8888, "Jupyter notebook, development servers"),
            Map.entry(9000, "development servers, PHP-FPM, SonarQube, MinIO"),
            Map.entry(9090, "Prometheus"),
            Map.entry(9092, "Apache Kafka"),
            Map.entry(9100, "Prometheus node exporter, raw printing"),
            Map.entry(9200, "Elasticsearch / OpenSearch HTTP"),
            Map.entry(9300, "Elasticsearch transport"),
            Map.entry(11211, "memcached"),
            Map.entry(15672, "RabbitMQ management"),
            Map.entry(27017, "MongoDB"));

    private static final Map<Integer, String> UDP = Map.ofEntries(
            Map.entry(53, "DNS"),
            Map.entry(67, "DHCP server"),
            Map.entry(68, "DHCP client"),
            Map.entry(69, "TFTP"),
            Map.entry(123, "NTP time (chrony, ntpd)"),
            Map.entry(137, "NetBIOS name service (Samba)"),
            Map.entry(161, "SNMP"),
            Map.entry(443, "QUIC / HTTP/3"),
            Map.entry(500, "IPsec IKE"),
            Map.entry(514, "syslog"),
            Map.entry(1194, "OpenVPN"),
            Map.entry(1900, "SSDP / UPnP discovery"),
            Map.entry(3478, "STUN / TURN"),
            Map.entry(4789, "VXLAN"),
            Map.entry(5353, "mDNS (Avahi, Bonjour)"),
            Map.entry(51820, "WireGuard"));

    /** The usual application of {@code port} for {@code proto} (UDP-Lite counts as UDP), or null. */
    public static String of(Proto proto, int port) {
        if (proto == Proto.TCP) {
            return TCP.get(port);
        }
        return proto.isUdpLike() ? UDP.get(port) : null;
    }
}
