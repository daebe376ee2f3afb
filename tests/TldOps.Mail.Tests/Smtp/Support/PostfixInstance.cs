using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>
/// A private Postfix on loopback: its own config, queue and data folders in a temporary
/// directory (postfix -c DIR), listening on a free 127.0.0.1 port and relaying everything to
/// one next hop. Nothing of the system's mail setup is read or touched. Stopped on dispose.
/// </summary>
internal sealed class PostfixInstance : IAsyncDisposable
{
    private readonly TempDirectory _root;
    private readonly string _postfix;

    private PostfixInstance(TempDirectory root, string postfix, int port)
    {
        _root = root;
        _postfix = postfix;
        Port = port;
    }

    public int Port { get; }

    public string Log => File.Exists(_root.Combine("maillog")) ? File.ReadAllText(_root.Combine("maillog")) : "(no maillog)";

    private string ConfigDirectory => _root.Combine("conf");

    /// <summary>Starts Postfix relaying to <paramref name="nextHop"/> (a transport:nexthop such as "smtp:[127.0.0.1]:2525").</summary>
    public static async Task<PostfixInstance> StartAsync(string nextHop, X509Certificate2? certificate = null, bool tlsToNextHop = false)
    {
        var postfix = RealComponent.Require("postfix", "postfix");
        var root = new TempDirectory("postfix");
        var instance = new PostfixInstance(root, postfix, FreePort());
        try
        {
            Directory.CreateDirectory(root.Combine("conf"));
            Directory.CreateDirectory(root.Combine("queue"));
            Directory.CreateDirectory(root.Combine("data"));
            if (certificate is not null)
            {
                await File.WriteAllTextAsync(root.Combine("conf", "cert.pem"), certificate.ExportCertificatePem());
                await File.WriteAllTextAsync(root.Combine("conf", "key.pem"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            }

            await File.WriteAllTextAsync(root.Combine("conf", "main.cf"), instance.MainCf(nextHop, certificate is not null, tlsToNextHop));
            await File.WriteAllTextAsync(root.Combine("conf", "master.cf"), instance.MasterCf());
            await RunAsync("chown", ["postfix", root.Combine("data")]);
            await RunAsync(postfix, ["-c", instance.ConfigDirectory, "start"], instance);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits (bounded) until the maillog holds a line with every one of <paramref name="parts"/>.</summary>
    public async Task WaitForLogLineAsync(params string[] parts)
    {
        // Postfix writes its log through postlogd; there is nothing to wait on but the file.
        for (var i = 0; i < 200; i++)
        {
            if (Log.Split('\n').Any(line => parts.All(p => line.Contains(p, StringComparison.Ordinal))))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No maillog line with {string.Join(", ", parts)}:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(ConfigDirectory, "main.cf")))
            {
                await RunAsync(_postfix, ["-c", ConfigDirectory, "stop"], this, check: false);
                await WaitForMasterToExitAsync();
            }
        }
        finally
        {
            _root.Dispose();
        }
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, PostfixInstance? instance = null, bool check = true)
    {
        var result = await ExternalProcess.RunAsync(program, arguments, timeout: TimeSpan.FromSeconds(60));
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {result}\n{instance?.Log}");
        }
    }

    /// <summary>postfix stop signals master; wait (bounded) for it to go, then kill what is left.</summary>
    private async Task WaitForMasterToExitAsync()
    {
        var pidFile = _root.Combine("queue", "pid", "master.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        for (var i = 0; i < 100; i++)
        {
            if (!IsRunning(pid))
            {
                return;
            }

            await Task.Delay(100);
        }

        using var master = System.Diagnostics.Process.GetProcessById(pid);
        master.Kill(entireProcessTree: true);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    /// <summary>One recipient Postfix refuses, for per-recipient results (an inline: table, Postfix 3.0+).</summary>
    private const string RecipientRestrictions =
        "smtpd_recipient_restrictions = check_recipient_access inline:{ {rejected@test.example = REJECT 5.7.1 Recipient refused by test policy} }\n";

    private string MainCf(string nextHop, bool offerTls, bool tlsToNextHop)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            compatibility_level = 3.6
            queue_directory = {_root.Combine("queue")}
            data_directory = {_root.Combine("data")}
            mail_owner = postfix
            setgid_group = postdrop
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            myhostname = postfix.test.example
            mydomain = test.example
            mydestination =
            mynetworks = 127.0.0.0/8
            default_transport = {nextHop}
            maillog_file = {_root.Combine("maillog")}
            maillog_file_prefixes = {_root.Path}
            alias_maps =
            alias_database =
            local_recipient_maps =
            smtputf8_enable = yes
            smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
            in_flow_delay = 0
            smtp_tls_security_level = {(tlsToNextHop ? "encrypt" : "none")}
            lmtp_tls_security_level = none

            """);
        text.Append(RecipientRestrictions);
        if (offerTls)
        {
            text.Append(CultureInfo.InvariantCulture, $"""
                smtpd_tls_security_level = may
                smtpd_tls_cert_file = {_root.Combine("conf", "cert.pem")}
                smtpd_tls_key_file = {_root.Combine("conf", "key.pem")}

                """);
        }

        return text.ToString();
    }

    private string MasterCf() => string.Create(CultureInfo.InvariantCulture, $"""
        127.0.0.1:{Port} inet n - n - - smtpd
        cleanup   unix  n - n - 0 cleanup
        qmgr      unix  n - n 300 1 qmgr
        rewrite   unix  - - n - - trivial-rewrite
        bounce    unix  - - n - 0 bounce
        defer     unix  - - n - 0 bounce
        trace     unix  - - n - 0 bounce
        verify    unix  - - n - 1 verify
        flush     unix  n - n 1000? 0 flush
        proxymap  unix  - - n - - proxymap
        smtp      unix  - - n - - smtp
        relay     unix  - - n - - smtp
        lmtp      unix  - - n - - lmtp
        error     unix  - - n - - error
        retry     unix  - - n - - error
        discard   unix  - - n - - discard
        anvil     unix  - - n - 1 anvil
        scache    unix  - - n - 1 scache
        tlsmgr    unix  - - n 1000? 1 tlsmgr
        postlog   unix-dgram n - n - 1 postlogd

        """);
}
