/*! consent4j banner | Apache-2.0 | https://consent4j.io */
// Type definitions for the banner script's API, window.consent4j, and its events on document.
// A global script's definitions: add this file to a TypeScript project's "files" or "include", or
// reference it with /// <reference path="consent.d.ts" />. docs/JS-API.md has an example of each.

declare namespace Consent4j {
  /** Where a choice is stored; what consent4j.state() returns and every event's detail holds. */
  interface State {
    /** The pseudonymous id of the visitor's consent, null before their first choice. */
    consentId: string | null;
    /** Whether a valid choice of the current policy is stored. */
    state: 'undecided' | 'decided' | 'expired' | 'outdated';
    /** Whether the first layer shows on page load: no valid choice of the current policy is stored. */
    showBanner: boolean;
    /** A child's page (C28): only necessary categories are active until a parent consents. */
    parentalConsentRequired: boolean;
    /** The categories granted, necessary ones included. */
    categories: string[];
    /** The services granted. */
    services: string[];
    /** Categories that a Global Privacy Control or Do Not Track signal objects to; never allowed. */
    deniedBySignal: string[];
    /** When the stored choice expires, ISO-8601; absent before a choice. */
    expiresAt?: string;
    /** URLs of the visitor's signed receipt, their history and the key that verifies receipts. */
    links: { receipt: string; history: string; publicKey: string };
    /** Google Consent Mode v2, as the policy maps it. */
    googleConsentMode: {
      enabled: boolean;
      default: Record<string, 'granted' | 'denied'>;
      update: Record<string, 'granted' | 'denied'>;
    };
    /**
     * The receipt of the choice just recorded, after a choice on this page only: where to fetch it signed
     * (`url`, a JWS), the signing key's id and the path of the public key, and the payload it states.
     */
    receipt?: { url: string; kid: string; publicKey: string; payload: Record<string, unknown> };
  }

  /** Ids of categories and services, as an event names them. */
  interface Ids {
    categories: string[];
    services: string[];
  }

  /** The detail of consent4j:ready and consent4j:change. */
  interface ChangeDetail extends State {
    /** What the choice granted or took back; empty in consent4j:ready. */
    changed: Ids;
    /** Whether this was the visitor's first choice of this policy (none was stored); false in ready. */
    first: boolean;
  }

  /** The detail of consent4j:show and consent4j:hide. */
  interface LayerDetail extends State {
    /** The first layer or the settings layer. */
    layer: 'banner' | 'settings';
  }

  /** What consent4j.accept takes: ids of categories and services, or both lists apart. */
  type Choice = 'all' | string | string[] | { categories?: string[]; services?: string[] };

  /** window.consent4j. Every call that records goes through the visitor endpoint and its ledger. */
  interface Api {
    /** Resolves once the state is known and the granted scripts have started. */
    readonly ready: Promise<void>;
    /** The visitor's state; undefined until ready. */
    state(): State | undefined;
    /** Whether a valid choice of the current policy is stored. */
    decided(): boolean;
    /** Whether a category or a service (by id) may run: granted and not objected to by a signal. */
    allowed(id: string): boolean;
    /** Runs fn once the category or service is allowed: at once if it is, else after the choice that allows it; once. */
    onAllowed(id: string, fn: () => void): void;
    /** Shows the first layer. */
    show(): Promise<void>;
    /** Opens the settings layer with the stored choice. */
    showSettings(): Promise<void>;
    /** Hides both layers and records nothing: not choosing is refusing; the next page asks again. */
    hide(): Promise<void>;
    /**
     * Records exactly these categories and services, as the settings' save does: nothing or 'all' accepts
     * all, an empty list rejects all (a withdrawal if something was granted). A category listed without
     * any of its services brings all of them. Rejects for an id the policy does not know.
     */
    accept(choice?: Choice): Promise<State>;
    /** Records "accept all". */
    acceptAll(): Promise<State>;
    /** Records "reject all"; a withdrawal if something optional was granted. */
    rejectAll(): Promise<State>;
    /** Records a withdrawal (C14): deletes the declared cookies, reloads if a withdrawn script ran. */
    withdraw(): Promise<State>;
    /** Withdraws what is granted (recorded), then shows the first layer to choose again. */
    reset(): Promise<State>;
    /** Fetches the texts in another language and renders both layers in it; resolves with the language served. */
    setLanguage(lang: string): Promise<string>;
  }
}

interface Window {
  consent4j: Consent4j.Api;
}

declare var consent4j: Consent4j.Api;

interface DocumentEventMap {
  /** Once per page, when the state is known and the granted scripts have started. */
  'consent4j:ready': CustomEvent<Consent4j.ChangeDetail>;
  /** After every recorded choice, once the newly granted scripts have started. */
  'consent4j:change': CustomEvent<Consent4j.ChangeDetail>;
  /** When the first layer or the settings layer shows. */
  'consent4j:show': CustomEvent<Consent4j.LayerDetail>;
  /** When the first layer or the settings layer hides. */
  'consent4j:hide': CustomEvent<Consent4j.LayerDetail>;
}
