using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace NewsMonitor.Delivery;

/// <summary>
/// Senders are registered by name (keyed services) and "Delivery:Sender" picks one. An adapter adds its own
/// with <c>services.AddKeyedSingleton&lt;IEmailSender, SendGridEmailSender&gt;("sendgrid")</c>, before or after
/// AddNewsMonitor; an IEmailSender registered directly before AddNewsMonitor (a test double) still wins.
/// </summary>
public static class EmailSenders
{
    public const string Pickup = "pickup";
    public const string Smtp = "smtp";
    public const string SendGrid = "sendgrid";

    public static IServiceCollection AddEmailSenders(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton<IEmailSender, PickupDirectorySender>(Pickup);
        services.TryAddKeyedSingleton<IEmailSender, SmtpEmailSender>(Smtp);
        services.TryAddSingleton(Selected);
        return services;
    }

    private static IEmailSender Selected(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<DeliveryOptions>>().Value.Sender;
        var name = string.IsNullOrWhiteSpace(configured) ? Pickup : configured.Trim().ToLowerInvariant();
        return services.GetKeyedService<IEmailSender>(name)
            ?? throw new InvalidOperationException(
                $"Delivery:Sender '{name}' is not available here: use {Pickup} or {Smtp}" + (name == SendGrid ? " (sendgrid comes with the Azure adapters)" : ""));
    }
}
