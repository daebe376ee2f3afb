using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Smtp.Sink;

namespace TldOps.Bench.Smtp;

/// <summary>
/// Messages per second from a client to our server (an in-memory <see cref="SmtpSink"/>) on
/// loopback. Every method sends a batch and reports the time per message; the baseline is the
/// plainest way to send: a new connection per message, one command per round trip.
/// </summary>
[Config(typeof(Settings))]
public class SmtpThroughputBenchmarks
{
    private const int Batch = 1000;
    private const int ProcessBatch = 10;

    private SmtpSink _sink = null!;
    private byte[] _message = [];
    private SmtpEnvelope _envelope = null!;
    private IPEndPoint _endPoint = null!;

    [GlobalSetup]
    public void Setup()
    {
        var limits = SmtpServerLimits.Default.Clone();
        limits.MaxConnectionsPerIpPerMinute = null;
        limits.MaxConcurrentConnections = 1000;
        _sink = new SmtpSink(new SmtpSinkOptions { Limits = limits });
        _sink.StartAsync().GetAwaiter().GetResult();
        _endPoint = _sink.EndPoint;
        _message = TypicalPost();
        _envelope = new SmtpEnvelope(SmtpAddress.Parse("tld-ops-bounces+member=example.org@lists.example"), [SmtpAddress.Parse("member@example.org")]);
    }

    [GlobalCleanup]
    public void Cleanup() => _sink.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "new connection per message, no pipelining")]
    public async Task NewConnectionStepByStep()
    {
        var options = Options(pipelining: false);
        for (var i = 0; i < Batch; i++)
        {
            await using var client = new SmtpClient(options);
            await client.ConnectAsync("127.0.0.1", _endPoint.Port);
            await client.SendAsync(_envelope, _message);
            await client.QuitAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "new connection per message, pipelined BDAT")]
    public async Task NewConnectionPipelined()
    {
        var options = Options(pipelining: true);
        for (var i = 0; i < Batch; i++)
        {
            await using var client = new SmtpClient(options);
            await client.ConnectAsync("127.0.0.1", _endPoint.Port);
            await client.SendAsync(_envelope, _message);
            await client.QuitAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "one connection reused, no pipelining")]
    public async Task ReusedStepByStep()
    {
        await using var client = new SmtpClient(Options(pipelining: false));
        await client.ConnectAsync("127.0.0.1", _endPoint.Port);
        for (var i = 0; i < Batch; i++)
        {
            await client.SendAsync(_envelope, _message);
        }

        await client.QuitAsync();
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "one connection reused, pipelined BDAT")]
    public async Task ReusedPipelined()
    {
        await using var client = new SmtpClient(Options(pipelining: true));
        await client.ConnectAsync("127.0.0.1", _endPoint.Port);
        for (var i = 0; i < Batch; i++)
        {
            await client.SendAsync(_envelope, _message);
        }

        await client.QuitAsync();
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "pool, 4 senders over up to 4 connections")]
    public async Task PoolParallel()
    {
        var poolOptions = SmtpConnectionPoolOptions.Default.Clone();
        poolOptions.ClientOptions = Options(pipelining: true);
        poolOptions.MaxConnectionsPerDestination = 4;
        await using var pool = new SmtpConnectionPool(poolOptions);
        var destination = new SmtpDestination("127.0.0.1", _endPoint.Port, SmtpStartTlsPolicy.None);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < Batch / 4; i++)
            {
                await pool.SendAsync(destination, _envelope, _message);
            }
        }));
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "Python smtplib, one connection")]
    public void PythonSmtplib() =>
        Run("python3", ["-c", PythonSender, "127.0.0.1", _endPoint.Port.ToString(CultureInfo.InvariantCulture), Batch.ToString(CultureInfo.InvariantCulture)], Encoding.UTF8.GetString(_message));

    [Benchmark(OperationsPerInvoke = ProcessBatch, Description = "swaks, one process per message")]
    public void Swaks()
    {
        for (var i = 0; i < ProcessBatch; i++)
        {
            Run("swaks", ["--server", $"127.0.0.1:{_endPoint.Port}", "--from", "bench@example.org", "--to", "member@example.org", "--pipeline", "--data", "-", "--silent", "3"], Encoding.UTF8.GetString(_message).TrimEnd('\r', '\n'));
        }
    }

    /// <summary>Reads the message from standard input and sends it n times over one connection.</summary>
    private const string PythonSender = """
        import smtplib, sys
        host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        data = sys.stdin.buffer.read()
        with smtplib.SMTP(host, port, local_hostname="bench.example") as smtp:
            for _ in range(n):
                smtp.sendmail("bench@example.org", ["member@example.org"], data)
        """;

    private static SmtpClientOptions Options(bool pipelining)
    {
        var options = SmtpClientOptions.Default.Clone();
        options.LocalDomain = "bench.example";
        options.StartTls = SmtpStartTlsPolicy.None;
        options.UsePipelining = pipelining;
        options.UseChunking = pipelining;
        return options.Freeze();
    }

    private static void Run(string program, string[] arguments, string standardInput)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {program}");
        try
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} failed: {error.Result}");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>A list post of about 3 KB: headers of a real list, a plain text body with CRLF lines.</summary>
    private static byte[] TypicalPost()
    {
        var text = new StringBuilder();
        text.Append("Return-Path: <tld-ops-bounces+member=example.org@lists.example>\r\n")
            .Append("From: Incident Desk <desk@nic.example>\r\n")
            .Append("To: TLD-OPS <tld-ops@lists.example>\r\n")
            .Append("Subject: [TLD-OPS] ALERT: DDoS on authoritative servers of .example\r\n")
            .Append("Date: Tue, 4 Mar 2025 10:00:00 +0000\r\n")
            .Append("Message-ID: <alert-1@nic.example>\r\n")
            .Append("List-Id: TLD-OPS <tld-ops.lists.example>\r\n")
            .Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        for (var i = 0; text.Length < 3000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Line {i}: traffic from 192.0.2.{i % 255} to ns{i % 4}.nic.example over UDP port 53.\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            // In process, few iterations: each invocation already sends a batch over real sockets.
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(10)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }
}
