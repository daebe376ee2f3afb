namespace TldOps.Core.Lists.Notices.Languages;

/// <summary>Los avisos en español.</summary>
internal static class SpanishNotices
{
    public static NoticeLanguage Texts { get; } = new()
    {
        Code = "es",
        HeldSubject = "Su mensaje a {list} está pendiente de revisión: {subject}",
        HeldBody =
            """
            Hola:

            Su mensaje «{subject}» enviado a {posting} todavía no se ha distribuido. El comité de
            la lista lo revisará por el siguiente motivo:

            {reasons}

            Le avisaremos cuando haya decidido. No es necesario que lo vuelva a enviar.

            -- 
            {list} ({owner})
            """,
        TlpRedSubject = "Su mensaje TLP:RED no se envió a {list}: {subject}",
        TlpRedBody =
            """
            Hola:

            Su mensaje «{subject}» enviado a {posting} lleva la etiqueta TLP:RED. Según el Traffic
            Light Protocol, la información TLP:RED es solo para las personas a las que va dirigida
            por su nombre, por lo que la lista nunca la envía a todos sus miembros.

            El mensaje queda retenido y nadie más lo ha recibido. Para compartirlo, escriba
            directamente a quienes lo necesiten; si la información puede llegar a toda la
            comunidad, envíela de nuevo con la etiqueta TLP:AMBER o TLP:GREEN.

            -- 
            {list} ({owner})
            """,
        RejectedSubject = "Su mensaje a {list} no se distribuyó: {subject}",
        RejectedBody =
            """
            Hola:

            Su mensaje «{subject}» enviado a {posting} no se envió a la lista:

            {reasons}

            Si cree que se trata de un error, escriba al comité: {owner}.

            -- 
            {list}
            """,
        CommitteeHeldSubject = "Mensaje retenido n.º {id} de {author}: {subject}",
        CommitteeHeldBody =
            """
            Un mensaje enviado a {posting} espera la decisión del comité.

              Mensaje: n.º {id}
              De:      {author}
              Asunto:  {subject}
              Tamaño:  {size} octetos

            Retenido porque:
            {reasons}

            Todas las comprobaciones de la lista:
            {trace}

            Decida con «tldops held approve {id}» o «tldops held reject {id} --reason TEXTO», o en la
            página de moderación del portal.
            """,
        DisabledSubject = "Entrega a {member} ({cctld}) desactivada por rebotes",
        DisabledBody =
            """
            La lista dejó de escribir a un miembro cuya dirección rechaza los mensajes.

              Miembro:      {member} <{address}>
              ccTLD:        {cctld}
              Puntuación:   {score} (umbral {threshold})
              Último error: {diagnostic}

            Un contacto inalcanzable va en contra del propósito de la comunidad: póngase en contacto
            con el miembro o con el contacto administrativo del ccTLD para obtener una dirección que funcione.
            """,
        HelpSubject = "{list}: cómo usar la lista",
        HelpBody =
            """
            Hola:

            Esta es la respuesta automática de {list}, la comunidad de respuesta a incidentes de
            los operadores de ccTLD.

            - Los miembros escriben a {posting}. Marque las alertas con «[ALERT]» y las preguntas con
              «[QUERY]» en el asunto, y la información sensible con una etiqueta TLP (TLP:AMBER, …).
              TLP:RED nunca se envía a toda la lista.
            - Las altas, cambios y bajas pasan por el contacto administrativo de IANA de su ccTLD,
              que autoriza los contactos de respuesta a incidentes.
            - El comité está en {owner}.

            -- 
            {list}
            """,
        OwnerSubject = "Correo al responsable de {list} de {sender}: {subject}",
        OwnerBody =
            """
            {sender} envió el mensaje adjunto a {owner}.
            """,
        RuleReasons = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["banned-address"] = "Su dirección no puede escribir a esta lista.",
            ["emergency"] = "El comité revisa en este momento todos los mensajes.",
            ["not-member"] = "Su dirección no es la de un miembro activo. Solo los miembros pueden escribir; si lo es, use la dirección que conoce la lista.",
            ["authentication"] = "La lista no pudo confirmar que el mensaje procede de su dominio (no hay una firma DKIM válida alineada con su dirección).",
            ["tlp-red"] = "El mensaje lleva la etiqueta TLP:RED.",
            ["max-size"] = "El mensaje supera el tamaño que la lista acepta sin revisión.",
            ["max-recipients"] = "El mensaje va dirigido a más personas de las que la lista acepta sin revisión.",
        },
    };
}
