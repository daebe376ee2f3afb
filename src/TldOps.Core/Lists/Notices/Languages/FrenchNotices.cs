namespace TldOps.Core.Lists.Notices.Languages;

/// <summary>Les avis en français.</summary>
internal static class FrenchNotices
{
    public static NoticeLanguage Texts { get; } = new()
    {
        Code = "fr",
        HeldSubject = "Votre message à {list} attend un examen : {subject}",
        HeldBody =
            """
            Bonjour,

            Votre message « {subject} » adressé à {posting} n'a pas encore été diffusé. Le comité
            de la liste va l'examiner pour la raison suivante :

            {reasons}

            Vous serez informé de sa décision. Inutile de renvoyer le message.

            -- 
            {list} ({owner})
            """,
        TlpRedSubject = "Votre message TLP:RED n'a pas été diffusé sur {list} : {subject}",
        TlpRedBody =
            """
            Bonjour,

            Votre message « {subject} » adressé à {posting} porte la mention TLP:RED. Selon le
            Traffic Light Protocol, une information TLP:RED est réservée aux seules personnes
            nommément destinataires : la liste ne l'envoie donc jamais à l'ensemble de ses membres.

            Le message est retenu et personne d'autre ne l'a reçu. Pour le partager, écrivez
            directement aux personnes concernées ; si l'information peut aller à toute la
            communauté, renvoyez-la avec la mention TLP:AMBER ou TLP:GREEN.

            -- 
            {list} ({owner})
            """,
        RejectedSubject = "Votre message à {list} n'a pas été diffusé : {subject}",
        RejectedBody =
            """
            Bonjour,

            Votre message « {subject} » adressé à {posting} n'a pas été diffusé :

            {reasons}

            Si vous pensez qu'il s'agit d'une erreur, écrivez au comité : {owner}.

            -- 
            {list}
            """,
        CommitteeHeldSubject = "Message retenu n° {id} de {author} : {subject}",
        CommitteeHeldBody =
            """
            Un message adressé à {posting} attend la décision du comité.

              Message : n° {id}
              De :      {author}
              Objet :   {subject}
              Taille :  {size} octets

            Retenu parce que :
            {reasons}

            Toutes les vérifications faites par la liste :
            {trace}

            Décidez avec « tldops held approve {id} » ou « tldops held reject {id} --reason TEXTE »,
            ou sur la page de modération du portail.
            """,
        DisabledSubject = "Distribution à {member} ({cctld}) suspendue après des rejets",
        DisabledBody =
            """
            La liste a cessé d'écrire à un membre dont l'adresse rejette les messages.

              Membre :         {member} <{address}>
              ccTLD :          {cctld}
              Score :          {score} (seuil {threshold})
              Dernière erreur : {diagnostic}

            Un contact injoignable va à l'encontre du but de la communauté : merci de contacter le
            membre ou le contact administratif du ccTLD pour obtenir une adresse qui fonctionne.
            """,
        HelpSubject = "{list} : utiliser la liste",
        HelpBody =
            """
            Bonjour,

            Ceci est la réponse automatique de {list}, la communauté de réponse aux incidents des
            opérateurs de ccTLD.

            - Les membres écrivent à {posting}. Indiquez « [ALERT] » pour une alerte et « [QUERY] »
              pour une question dans l'objet, et marquez les informations sensibles d'une mention
              TLP (TLP:AMBER, …). TLP:RED n'est jamais envoyé à toute la liste.
            - Les adhésions, modifications et départs passent par le contact administratif IANA de
              votre ccTLD, qui désigne les contacts de réponse aux incidents.
            - Le comité est joignable à {owner}.

            -- 
            {list}
            """,
        OwnerSubject = "Message au responsable de {list} de {sender} : {subject}",
        OwnerBody =
            """
            Le message joint a été envoyé à {owner} par {sender}.
            """,
        RuleReasons = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["banned-address"] = "Votre adresse n'est pas autorisée à écrire à cette liste.",
            ["emergency"] = "Le comité examine actuellement chaque message.",
            ["not-member"] = "Votre adresse n'est pas celle d'un membre actif. Seuls les membres peuvent écrire ; si vous en êtes un, utilisez l'adresse connue de la liste.",
            ["authentication"] = "La liste n'a pas pu confirmer que le message vient de votre domaine (aucune signature DKIM valide alignée sur votre adresse).",
            ["tlp-red"] = "Le message porte la mention TLP:RED.",
            ["max-size"] = "Le message dépasse la taille acceptée sans examen.",
            ["max-recipients"] = "Le message est adressé à plus de personnes que la liste n'en accepte sans examen.",
        },
    };
}
