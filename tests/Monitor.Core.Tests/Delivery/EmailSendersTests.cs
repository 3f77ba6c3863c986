using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Delivery;
using NewsMonitor.Pipeline;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Delivery;

/// <summary>"Delivery:Sender" picks a sender by name; adapters add theirs under a name of their own.</summary>
public sealed class EmailSendersTests
{
    [Theory]
    [InlineData(null, typeof(PickupDirectorySender))]
    [InlineData("pickup", typeof(PickupDirectorySender))]
    [InlineData(" SMTP ", typeof(SmtpEmailSender))]
    public void The_configured_name_picks_the_sender(string? name, Type expected) =>
        Assert.IsType(expected, Resolve(name));

    [Fact]
    public void An_adapter_registered_by_name_can_be_picked() =>
        Assert.IsType<NamedSender>(Resolve("sendgrid", services => services.AddKeyedSingleton<IEmailSender, NamedSender>(EmailSenders.SendGrid)));

    [Fact]
    public void An_unknown_name_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve("sendgrid"));

        Assert.Equal("Delivery:Sender 'sendgrid' is not available here: use pickup or smtp (sendgrid comes with the Azure adapters)", error.Message);
    }

    private static IEmailSender Resolve(string? name, Action<IServiceCollection>? adapters = null)
    {
        using var temp = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Delivery:Sender"] = name,
            ["Storage:DataDirectory"] = temp.Path,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddNewsMonitor(configuration);
        adapters?.Invoke(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IEmailSender>();
    }

    private sealed class NamedSender : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken ct) => Task.CompletedTask;
    }
}
