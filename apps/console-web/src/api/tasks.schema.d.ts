/**
 * Generated from inspection-tasks's OpenAPI document by `npm run api-types`: do not edit.
 */

export interface paths {
    "/api/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Accounts by user name, filtered by role, text and disabled */
        get: operations["AccountController_list"];
        put?: never;
        /** Create an account; its first password (given, or generated and answered once) must be changed at first sign-in */
        post: operations["AccountController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{userName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AccountController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{userName}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable: no sign-in, and the sessions end */
        post: operations["AccountController_disable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{userName}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AccountController_enable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{userName}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new first password (given, or generated and answered once), to be changed at the next sign-in; clears a lockout and ends the sessions */
        post: operations["AccountController_resetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create and update accounts from CSV or XLSX (user_name, display_name, role, jurisdiction, org, staff_no, disabled, initial_password); all or nothing */
        post: operations["AccountController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in; sets the session cookies. 403 PASSWORD_CHANGE_REQUIRED for a first password, 423 ACCOUNT_LOCKED after five wrong ones */
        post: operations["SessionController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends the session and clears its cookies */
        post: operations["SessionController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the session cookie or bearer token speaks for */
        get: operations["SessionController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password (the only way in while a first password must be changed); signs in with the new one and ends the other sessions */
        post: operations["SessionController_password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New session cookies for the refresh cookie, which is used up; a refresh token used twice ends its session */
        post: operations["SessionController_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CalendarController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["CalendarController_setDay"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar/deadline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CalendarController_deadline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CaseController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CaseController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/attachments/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an attachment of the rectification report */
        get: operations["CaseController_attachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["CaseController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["CaseController_order"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/recall-decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["CaseController_decideRecall"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/rectification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["CaseController_report"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/reinspection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["CaseController_reinspect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/withdrawal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CaseController_held"];
        put?: never;
        post: operations["CaseController_confirmWithdrawal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CatalogController_list"];
        put?: never;
        post: operations["CatalogController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/categories/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CatalogController_get"];
        put?: never;
        post?: never;
        delete: operations["CatalogController_remove"];
        options?: never;
        head?: never;
        patch: operations["CatalogController_update"];
        trace?: never;
    };
    "/api/v1/catalog/categories/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CatalogController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/categories/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["CatalogController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/draws/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DrawController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/draws/{id}/exclusions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DrawController_exclusions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/draws/{id}/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DrawController_record"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/draws/{id}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DrawController_verification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enterprises": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["EnterpriseController_list"];
        put?: never;
        post: operations["EnterpriseController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enterprises/{uscc}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["EnterpriseController_get"];
        put?: never;
        post?: never;
        delete: operations["EnterpriseController_remove"];
        options?: never;
        head?: never;
        patch: operations["EnterpriseController_update"];
        trace?: never;
    };
    "/api/v1/enterprises/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["EnterpriseController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enterprises/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["EnterpriseController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enterprises/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["EnterpriseController_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/epcis/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["EpcisController_capture"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/epcis/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["EpcisController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/epcis/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["EpcisController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/epcis/gtin-prefixes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GtinPrefixController_list"];
        put?: never;
        post: operations["GtinPrefixController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/epcis/gtin-prefixes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["GtinPrefixController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["InspectorController_list"];
        put?: never;
        post: operations["InspectorController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspectors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["InspectorController_get"];
        put?: never;
        post?: never;
        delete: operations["InspectorController_remove"];
        options?: never;
        head?: never;
        patch: operations["InspectorController_update"];
        trace?: never;
    };
    "/api/v1/inspectors/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["InspectorController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspectors/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["InspectorController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/labs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LabController_list"];
        put?: never;
        post: operations["LabController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/labs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LabController_get"];
        put?: never;
        post?: never;
        delete: operations["LabController_remove"];
        options?: never;
        head?: never;
        patch: operations["LabController_update"];
        trace?: never;
    };
    "/api/v1/labs/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LabController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/labs/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["LabController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["NoticeController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["NoticeController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices/{id}/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["NoticeObjectionController_file"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["NoticeController_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your notifications, newest first */
        get: operations["NotificationController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one notification read (again changes nothing) */
        post: operations["NotificationController_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark every notification you have not read as read */
        post: operations["NotificationController_readAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many of your notifications you have not read */
        get: operations["NotificationController_unreadCount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ObjectionController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ObjectionController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objections/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ObjectionController_decide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objections/{id}/retest-draw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ObjectionController_record"];
        put?: never;
        post: operations["ObjectionController_draw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objections/{id}/retest-draw/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ObjectionController_verification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objections/{id}/retest-refusal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ObjectionController_refuse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PlanController_list"];
        put?: never;
        post: operations["PlanController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PlanController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["PlanController_update"];
        trace?: never;
    };
    "/api/v1/plans/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["PlanController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["PlanController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/{id}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["PlanController_commit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/{id}/draw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PlanDrawController_get"];
        put?: never;
        post: operations["PlanDrawController_draw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/{id}/draw/exclusions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PlanDrawController_exclusions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/{id}/draw/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PlanDrawController_verification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/{id}/start-sampling": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["PlanController_startSampling"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/{id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PlanDrawController_tasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PublicationController_list"];
        put?: never;
        /**
         * Compile the draft of a jurisdiction's next list
         * @description Every final failure (and pass) of its plans up to `until` not yet listed. An open draft is compiled again. 409 NOTHING_ELIGIBLE when there is nothing to list (no list is made), 409 LIST_AWAITING_PUBLICATION while an approved list waits.
         */
        post: operations["PublicationController_compile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PublicationController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publications/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a draft (four eyes: never by the regulator who compiled it)
         * @description 409 FOUR_EYES_VIOLATION naming the four-eyes rule; 409 ILLEGAL_PUBLICATION_STATE
         */
        post: operations["PublicationController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publications/{id}/corrections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Draft a correction (更正) of a published list
         * @description A new version of the list with its reason, holding its samples as they stand now (less `remove`); published, it supersedes this version.
         */
        post: operations["PublicationController_correct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publications/{id}/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Abandon a draft or approved list; its results can be listed again */
        post: operations["PublicationController_discard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publications/{id}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PublicationController_entries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publications/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The files a published list was rendered to, with their SHA-256 */
        get: operations["PublicationController_files"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publications/{id}/files/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a file of a published list, as rendered once */
        get: operations["PublicationController_file"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publications/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish an approved list: notice number, date, digest and chain
         * @description A list the scheduler compiled is published by someone other than its approver (409 FOUR_EYES_VIOLATION).
         */
        post: operations["PublicationController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publications/{id}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recompute a published list's digest and check its link in the chain */
        get: operations["PublicationController_verification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publications/{id}/withdrawal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Draft the withdrawal (撤回) of a published list
         * @description A new version without rows, with its reason; published, it supersedes this one.
         */
        post: operations["PublicationController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["RatesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rates/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["RatesController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rates/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["RatesController_recompute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SampleController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{sampleNo}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SampleController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{sampleNo}/custody": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SampleController_custody"];
        put?: never;
        post: operations["SampleController_append"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sector-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SectorRuleController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sector-rules/{sector}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SectorRuleController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["SectorRuleController_edit"];
        trace?: never;
    };
    "/api/v1/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TargetController_list"];
        put?: never;
        post: operations["TargetController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/targets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TargetController_get"];
        put?: never;
        post?: never;
        delete: operations["TargetController_remove"];
        options?: never;
        head?: never;
        patch: operations["TargetController_update"];
        trace?: never;
    };
    "/api/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TaskController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TaskController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TaskController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TaskController_reassign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/sample": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TaskSampleController_record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/unable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TaskController_unable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TaskController_mine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/trace/enterprises/{uscc}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TraceController_byEnterprise"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/trace/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TraceController_byProduct"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/trace/samples/{sampleNo}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TraceController_bySample"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MetricsController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AccountDto: {
            /** Format: date-time */
            createdAt: string;
            disabled: boolean;
            displayName: string;
            /** @description wrong passwords in a row since the last right one or lock */
            failedAttempts: number;
            /** Format: uuid */
            id: string;
            jurisdiction: string | null;
            /** Format: date-time */
            lastSignInAt: string | null;
            /** Format: date-time */
            lockedUntil: string | null;
            /** @description the password was set by an admin and must be changed at sign-in */
            mustChangePassword: boolean;
            org: string | null;
            /** Format: date-time */
            passwordChangedAt: string | null;
            /** @enum {string} */
            role: "regulator" | "lab" | "enterprise" | "admin";
            staffNo: string | null;
            /** Format: date-time */
            updatedAt: string;
            userName: string;
        };
        AccountImportResultDto: {
            /** @enum {string} */
            format: "csv" | "xlsx";
            ignoredColumns: string[];
            /** @description the first passwords generated for new accounts without one in the file */
            initialPasswords: components["schemas"]["ImportedPasswordDto"][];
            inserted: number;
            /** @description data rows read */
            rows: number;
            /** @description SHA-256 of the whole upload, hex */
            sha256: string;
            unchanged: number;
            updated: number;
        };
        AccountPageDto: {
            items: components["schemas"]["AccountDto"][];
            nextCursor: string | null;
        };
        AccountWithPasswordDto: {
            /** Format: date-time */
            createdAt: string;
            disabled: boolean;
            displayName: string;
            /** @description wrong passwords in a row since the last right one or lock */
            failedAttempts: number;
            /** Format: uuid */
            id: string;
            /** @description the generated first password, shown this once; null when the admin gave one */
            initialPassword: string | null;
            jurisdiction: string | null;
            /** Format: date-time */
            lastSignInAt: string | null;
            /** Format: date-time */
            lockedUntil: string | null;
            /** @description the password was set by an admin and must be changed at sign-in */
            mustChangePassword: boolean;
            org: string | null;
            /** Format: date-time */
            passwordChangedAt: string | null;
            /** @enum {string} */
            role: "regulator" | "lab" | "enterprise" | "admin";
            staffNo: string | null;
            /** Format: date-time */
            updatedAt: string;
            userName: string;
        };
        AppendCustodyDto: {
            /** @example 某检验所样品接收室 */
            address: string;
            /**
             * @description sealed {sealNumbers}; shipped {carrier?, trackingNo?}; rejected_at_receipt {reason: seal_broken|damaged|wrong_sample}; backup_retained {} (verdict, date and keep-until from the issued report); retest_dispatched {toLabId, carrier?, trackingNo?}; disposed {method?}; returned {recipient?}
             * @example {
             *       "reason": "seal_broken"
             *     }
             */
            detail?: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            kind: "sampled" | "sealed" | "shipped" | "received" | "rejected_at_receipt" | "testing" | "backup_retained" | "retest_dispatched" | "disposed" | "returned";
            note?: string;
            /**
             * @description RFC 3339 with an offset; not in the future, not before the previous event
             * @example 2026-02-13T09:00:00+08:00
             */
            occurredAt: string;
            /**
             * @description GB/T 2260 code of where it happened
             * @example 150102
             */
            regionCode: string;
        };
        AppendedCustodyEventDto: {
            /** @description Token `sub` */
            actor: string;
            /** @description The lab id, for a lab */
            actorOrg: string | null;
            actorRole: string;
            actorStaffNo: string | null;
            address: string;
            /** @description What may follow now */
            allowedCustodyKinds: ("sampled" | "sealed" | "shipped" | "received" | "rejected_at_receipt" | "testing" | "backup_retained" | "retest_dispatched" | "disposed" | "returned")[];
            detail: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            kind: "sampled" | "sealed" | "shipped" | "received" | "rejected_at_receipt" | "testing" | "backup_retained" | "retest_dispatched" | "disposed" | "returned";
            note: string | null;
            /**
             * Format: date-time
             * @description When it happened, as reported
             */
            occurredAt: string;
            /** Format: date-time */
            recordedAt: string;
            /** @example 150102 */
            regionCode: string;
            sampleNo: string;
            /**
             * @description 1, 2, … within the sample
             * @example 3
             */
            seq: number;
            /** @enum {string} */
            stateAfter: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
        };
        AttachmentDto: {
            /** @example application/pdf */
            mediaType?: string;
            /** @example 抽样单.pdf */
            name?: string;
            /** @description SHA-256 of the file, 64 lowercase hex digits */
            sha256: string;
        };
        AttachmentUploadDto: {
            /** @description the file's bytes, base64 (RFC 4648, with padding); at most 10 MiB decoded */
            content: string;
            /** @example application/pdf */
            mediaType: string;
            /** @example 整改报告.pdf */
            name: string;
        };
        BizTransactionDto: {
            bizTransaction: string;
            /** @example po */
            type?: Record<string, never>;
        };
        CalendarDayDto: {
            /** @example 2026-02-17 */
            date: string;
            /**
             * @description ISO weekday: 1 Monday … 7 Sunday
             * @example 2
             */
            isoWeekday: number;
            /** @example 春节 */
            name: string | null;
            /**
             * @description Who set the day; weekday-rule for a day the table does not hold
             * @enum {string}
             */
            source: "chinese-days" | "admin" | "weekday-rule";
            /** Format: date-time */
            updatedAt: string | null;
            updatedBy: string | null;
            /** @description true for a working day, a make-up Saturday or Sunday included */
            workday: boolean;
        };
        CalendarRangeDto: {
            days: components["schemas"]["CalendarDayDto"][];
            /** @example 2026-02-01 */
            from: string;
            /** @example 2026-02-28 */
            to: string;
        };
        CancelPlanDto: {
            /**
             * @description Why the plan is cancelled (audited)
             * @example 计划调整
             */
            reason: string;
        };
        CancelTaskDto: {
            /**
             * @description Why the task is cancelled
             * @example 企业已列入其他计划抽查
             */
            reason: string;
        };
        CaptureReceiptDto: {
            /** @description SHA-256 of the request body as received */
            bodySha256: string;
            /** Format: uuid */
            captureId: string;
            /** @description Events already stored for this enterprise */
            duplicates: number;
            /** @description Events in the document */
            events: number;
            /** Format: date-time */
            receivedAt: string;
            /** @description Events stored by this capture */
            stored: number;
        };
        CaseAttachmentDto: {
            mediaType: string;
            name: string;
            sha256: string;
            size: number;
        };
        CaseCategoryDto: {
            code: string;
            name: string;
            sector: string;
        };
        CaseClosingDto: {
            /** Format: date-time */
            at: string;
            by: string;
            /** Format: date */
            on: string;
            reason: string;
            /** @enum {string} */
            result: "rectified" | "revocation_recommended";
        };
        CaseDetailDto: {
            category: components["schemas"]["CaseCategoryDto"];
            closing: components["schemas"]["CaseClosingDto"] | null;
            enterprise: components["schemas"]["CaseEnterpriseDto"];
            /** @enum {string|null} */
            escalation: "announcement" | "suspension" | "revocation_recommended" | null;
            /** @description 0 to 3: rungs of the escalation ladder reached */
            escalationLevel: number;
            failedItems: {
                [key: string]: unknown;
            }[];
            /** Format: date */
            finalOn: string | null;
            /** Format: uuid */
            id: string;
            jurisdiction: string;
            manufacturerUscc: string | null;
            /** Format: date-time */
            openedAt: string;
            order: components["schemas"]["CaseOrderDto"] | null;
            overdue: boolean;
            product: components["schemas"]["CaseProductDto"];
            /** @description withdrawal and recall of the failed batch */
            recall: components["schemas"]["RecallDto"];
            rectification: components["schemas"]["CaseRectificationDto"] | null;
            reinspection: components["schemas"]["CaseReinspectionDto"] | null;
            /** Format: uuid */
            sampleId: string;
            sampleNo: string;
            /** @enum {string} */
            state: "opened" | "ordered" | "reported" | "reinspecting" | "reinspected" | "escalated" | "closed" | "withdrawn";
            /** @description every step, oldest first */
            steps: components["schemas"]["CaseStepDto"][];
            /**
             * Format: uuid
             * @description the original task
             */
            taskId: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            withdrawnAt: string | null;
        };
        CaseDto: {
            category: components["schemas"]["CaseCategoryDto"];
            closing: components["schemas"]["CaseClosingDto"] | null;
            enterprise: components["schemas"]["CaseEnterpriseDto"];
            /** @enum {string|null} */
            escalation: "announcement" | "suspension" | "revocation_recommended" | null;
            /** @description 0 to 3: rungs of the escalation ladder reached */
            escalationLevel: number;
            failedItems: {
                [key: string]: unknown;
            }[];
            /** Format: date */
            finalOn: string | null;
            /** Format: uuid */
            id: string;
            jurisdiction: string;
            manufacturerUscc: string | null;
            /** Format: date-time */
            openedAt: string;
            order: components["schemas"]["CaseOrderDto"] | null;
            overdue: boolean;
            product: components["schemas"]["CaseProductDto"];
            rectification: components["schemas"]["CaseRectificationDto"] | null;
            reinspection: components["schemas"]["CaseReinspectionDto"] | null;
            /** Format: uuid */
            sampleId: string;
            sampleNo: string;
            /** @enum {string} */
            state: "opened" | "ordered" | "reported" | "reinspecting" | "reinspected" | "escalated" | "closed" | "withdrawn";
            /**
             * Format: uuid
             * @description the original task
             */
            taskId: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            withdrawnAt: string | null;
        };
        CaseEnterpriseDto: {
            name: string;
            uscc: string;
        };
        CaseListDto: {
            /** @description the newest 500 */
            items: components["schemas"]["CaseDto"][];
        };
        CaseOrderDto: {
            /** Format: date-time */
            at: string;
            /** @description how the deadline was counted: from, workingDays, covered, firstUncovered, rule (the sector rule, null when the order set the period) and source */
            basis: {
                [key: string]: unknown;
            };
            by: string;
            /**
             * Format: date
             * @description the last day in time
             */
            deadline: string;
            /** Format: date */
            on: string;
            text: string;
            workingDays: number;
        };
        CaseProductDto: {
            batch: string | null;
            brand: string | null;
            gtin: string | null;
            name: string;
        };
        CaseRectificationDto: {
            /** Format: date-time */
            at: string;
            attachments: components["schemas"]["CaseAttachmentDto"][];
            by: string;
            /** Format: date */
            on: string;
            text: string;
        };
        CaseReinspectionDto: {
            /** @enum {string|null} */
            outcome: "pending" | "pass" | "fail" | null;
            sampleNo: string | null;
            /** Format: uuid */
            taskId: string;
            taskState: string;
        };
        CaseStepDto: {
            /** Format: date-time */
            at: string;
            /** @description who decided: a person, or system:followup */
            by: string;
            detail: {
                [key: string]: unknown;
            };
            /** @enum {string|null} */
            escalation: "announcement" | "suspension" | "revocation_recommended" | null;
            event: string;
            /** @enum {string|null} */
            from: "opened" | "ordered" | "reported" | "reinspecting" | "reinspected" | "escalated" | "closed" | "withdrawn" | null;
            level: number;
            /** Format: date */
            on: string;
            reason: string | null;
            role: string;
            seq: number;
            /** @enum {string} */
            to: "opened" | "ordered" | "reported" | "reinspecting" | "reinspected" | "escalated" | "closed" | "withdrawn";
        };
        CategoryDto: {
            active: boolean;
            /** @example DAIRY-PAST */
            code: string;
            /** Format: date-time */
            createdAt: string;
            items: components["schemas"]["TestItemTemplateDto"][];
            /** @example 巴氏杀菌乳 */
            name: string;
            /** @enum {string} */
            sector: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            /** Format: date-time */
            updatedAt: string;
        };
        CategoryPageDto: {
            items: components["schemas"]["CategoryDto"][];
            /** @description Pass as `cursor` for the next page */
            nextCursor: string | null;
        };
        ChangePasswordDto: {
            /** @description the password now: the first one an administrator gave, or one's own */
            currentPassword: string;
            /** @description at least 10 characters with letters and digits, not containing the user name, not the current one */
            newPassword: string;
            /** @example reg-xincheng */
            userName: string;
        };
        CloseCaseDto: {
            /** @example 复查合格，整改到位，予以结案 */
            reason: string;
        };
        CommitPlanDto: {
            /**
             * @description sha256(seed) as 64 lowercase hex digits; the seed itself is revealed at the draw
             * @example e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             */
            commitment: string;
            /**
             * @description Who witnessed the commitment
             * @example 呼和浩特市公证处
             */
            witness?: string;
        };
        CompileDto: {
            /**
             * @description The jurisdiction whose list to compile (GB/T 2260); default: the token's
             * @example 150100
             */
            jurisdiction?: string;
            /**
             * Format: date
             * @description List outcomes final on or before this day (China time); default: today
             */
            until?: string;
        };
        CorrectionDto: {
            /** @description What the correction corrects (更正) */
            reason: string;
            /** @description Sample numbers of entries to leave out of the corrected list */
            remove?: string[];
        };
        CreateAccountDto: {
            /** @example 张新城 */
            displayName: string;
            /**
             * @description GB/T 2260 code, or '000000' for a national regulator; regulators only, required
             * @example 150102
             */
            jurisdiction?: string;
            /** @description the lab id (role lab) or the enterprise USCC (role enterprise); required for those */
            org?: string;
            /** @description the first password, to be changed at first sign-in; omitted: one is generated and answered once */
            password?: string;
            /** @enum {string} */
            role: "regulator" | "lab" | "enterprise" | "admin";
            /** @description inspector staff number (执法证号); regulators only */
            staffNo?: string;
            /**
             * @description 2–64 letters, digits, ".", "_", "-", "@"; unique without regard to case; the `sub` of the account's tokens
             * @example zhang.xincheng
             */
            userName: string;
        };
        CreateCategoryDto: {
            /** @default true */
            active: boolean;
            /** @example DAIRY-PAST */
            code: string;
            items: components["schemas"]["TestItemDto"][];
            /** @example 巴氏杀菌乳 */
            name: string;
            /** @enum {string} */
            sector: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
        };
        CreateEnterpriseDto: {
            address?: string;
            /**
             * @example [
             *       "DAIRY-PAST"
             *     ]
             */
            categories?: string[];
            /** @example 呼和浩特市某乳业有限公司 */
            name: string;
            /**
             * @description GB/T 2260 region code
             * @example 150102
             */
            regionCode: string;
            /**
             * @description Credit-risk class, A lowest risk
             * @enum {string}
             */
            riskClass: "A" | "B" | "C" | "D";
            /** @enum {string} */
            size: "large" | "medium" | "small" | "micro";
            /**
             * @default active
             * @enum {string}
             */
            status: "active" | "suspended" | "revoked" | "closed";
            /**
             * @description USCC (GB 32100), 18 characters
             * @example 91150100MA0N000000
             */
            uscc: string;
        };
        CreateGtinPrefixDto: {
            /**
             * @description A GS1 company prefix (6–12 digits): covers every GTIN it starts (after the indicator digit)
             * @example 6901234
             */
            companyPrefix?: string;
            /**
             * @description A single GTIN (8, 12, 13 or 14 digits): covers exactly that GTIN
             * @example 06901234567892
             */
            gtin?: string;
            /** @description The enterprise (USCC). Admins must give it; an enterprise may only give its own. */
            uscc?: string;
        };
        CreateInspectorDto: {
            /** @default true */
            active: boolean;
            /** @description Categories the inspector is qualified for */
            categories?: string[];
            /** @description USCCs of enterprises with a declared conflict of interest */
            conflicts?: string[];
            name: string;
            /** @example 150100 */
            regionCode: string;
            /**
             * @description Law-enforcement certificate / staff number
             * @example NM-150100-0001
             */
            staffNo: string;
            /** @example 呼和浩特市市场监督管理局 */
            unit?: string;
        };
        CreateLabDto: {
            /** @default true */
            active: boolean;
            /** @description Samples per year the lab can test */
            capacity: number;
            /** @description Accredited product categories */
            categories?: string[];
            /** @description CMA (资质认定) certificate number */
            cmaNo: string;
            name: string;
            /** @example 150100 */
            regionCode: string;
            /** @description USCC of the lab */
            uscc: string;
        };
        CreatePlanDto: {
            /**
             * @description Catalog codes
             * @example [
             *       "DAIRY-PAST"
             *     ]
             */
            categories: string[];
            /**
             * @description Unique plan number, 1–64 characters
             * @example NM-2026-001
             */
            code: string;
            /**
             * @description GB/T 2260 code inside your jurisdiction
             * @example 150100
             */
            jurisdiction: string;
            /**
             * @description national: jurisdiction 000000 (admins and national regulators); provincial: a province code (…0000); prefecture: a prefecture code (…00)
             * @enum {string}
             */
            level: "national" | "provincial" | "prefecture";
            maxTasks?: Record<string, never> | null;
            /** @description Workload cap: the most tasks the draw gives one inspector (null: no cap) */
            maxTasksPerInspector?: Record<string, never> | null;
            /**
             * @description Ratio per credit-risk class as a decimal fraction or percentage string; classes left out keep the defaults (A 3 %, B 10 %, C 30 %, D 100 %). Stored as basis points.
             * @example {
             *       "A": "0.03",
             *       "B": "10%"
             *     }
             */
            ratios?: Record<string, never>;
            /** @example 2026-09-30 */
            reportDeadline?: Record<string, never> | null;
            /** @example 2026-06-30 */
            samplingDeadline?: Record<string, never> | null;
            /**
             * @example [
             *       "production",
             *       "distribution"
             *     ]
             */
            stages: ("production" | "distribution" | "online")[];
            /** @default false */
            stratifyByPrefecture: boolean;
            /** @example 2026年内蒙古自治区乳制品质量监督抽查 */
            title: string;
            /** @example 2026 */
            year: number;
        };
        CreateSampleDto: {
            /** @description Photos, scans: by SHA-256 */
            attachments?: components["schemas"]["AttachmentDto"][];
            /** @description Backup portion for a retest (备份样品) */
            backupPortion: components["schemas"]["PortionDto"];
            /**
             * @description Batch number; this or productionDate
             * @example B20260110
             */
            batch?: string;
            /**
             * @description Brand / trademark (商标)
             * @example 某牌
             */
            brand?: string;
            /**
             * @description End of shelf life (保质期至)
             * @example 2026-07-10
             */
            expiryDate?: string;
            /**
             * @description GTIN-8/12/13/14, GS1 check digit verified; stored as GTIN-14
             * @example 6901234567892
             */
            gtin?: string;
            /** @description Staff numbers of the two inspectors who signed: the task's pair */
            inspectors: string[];
            manufacturer: components["schemas"]["ManufacturerDto"];
            /** @description Anything else the record says */
            note?: string;
            /** @description Online sampling only (required there) */
            online?: components["schemas"]["OnlineShopDto"];
            /** @description Where it was taken */
            place: components["schemas"]["PlaceDto"];
            /**
             * @description Price paid in yuan (samples are bought)
             * @example 36.00
             */
            pricePaid: string;
            /**
             * @description Not after the sampling date
             * @example 2026-01-10
             */
            productionDate?: string;
            /** @example 纯牛奶 */
            productName: string;
            representative: components["schemas"]["RepresentativeDto"];
            /**
             * @description When the sample was taken: RFC 3339 with seconds and an offset; not in the future
             * @example 2026-02-12T10:30:00+08:00
             */
            sampledAt: string;
            /**
             * @description Seal numbers; given here, the sample is recorded as sealed on the spot
             * @example [
             *       "NM-F-000123"
             *     ]
             */
            sealNumbers?: string[];
            /**
             * @description Model or specification (规格型号)
             * @example 250mL/盒
             */
            spec?: string;
            /**
             * @description One of the plan's stages
             * @enum {string}
             */
            stage: "production" | "distribution" | "online";
            /** @description Test portion (检验样品) */
            testPortion: components["schemas"]["PortionDto"];
        };
        CreateTargetDto: {
            /**
             * @description GB/T 2260 code; the target holds in its subtree
             * @example 150100
             */
            jurisdiction: string;
            /**
             * @description pass_rate 合格率, or disposal_rate 问题处置率
             * @default pass_rate
             * @enum {string}
             */
            metric: "pass_rate" | "disposal_rate";
            note?: string | null;
            /**
             * @example manufacturing
             * @enum {string}
             */
            sector: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            /**
             * @description Where the target comes from
             * @example 呼和浩特市质量发展规划 2026 年目标
             */
            source: string;
            /**
             * @description Percent from 0 to 100, at most two decimals; a JSON number or a decimal string ("96.5")
             * @example 96.5
             */
            target: number | string;
            /**
             * @description Holds from this year until a later one is set
             * @example 2026
             */
            year: number;
        };
        CustodyEventDto: {
            /** @description Token `sub` */
            actor: string;
            /** @description The lab id, for a lab */
            actorOrg: string | null;
            actorRole: string;
            actorStaffNo: string | null;
            address: string;
            detail: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            kind: "sampled" | "sealed" | "shipped" | "received" | "rejected_at_receipt" | "testing" | "backup_retained" | "retest_dispatched" | "disposed" | "returned";
            note: string | null;
            /**
             * Format: date-time
             * @description When it happened, as reported
             */
            occurredAt: string;
            /** Format: date-time */
            recordedAt: string;
            /** @example 150102 */
            regionCode: string;
            /**
             * @description 1, 2, … within the sample
             * @example 3
             */
            seq: number;
            /** @enum {string} */
            stateAfter: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
        };
        DeadlineDto: {
            /** @example 15 */
            calendarDays?: number;
            /** @description Every day counted is in the table (false: the weekday rule was assumed) */
            covered: boolean;
            /** @example 2026-02-26 */
            deadline: string;
            /** @description The first day counted the table lacks */
            firstUncovered: string | null;
            /** @example 2026-02-12 */
            from: string;
            /** @example 5 */
            workingDays?: number;
        };
        DecideObjectionDto: {
            /**
             * @description required to accept: SHA-256 of the seed of the retest-lab draw (64 lowercase hex digits), revealed at POST …/retest-draw
             * @example a3f1…
             */
            commitment?: string;
            /** @enum {string} */
            decision: "accept" | "reject";
            /** @description required to reject: why the objection is not accepted */
            reason?: string;
        };
        DependencyStatusDto: {
            /**
             * @description Why the dependency is down
             * @example timeout
             */
            message?: string;
            /**
             * @example up
             * @enum {string}
             */
            status: "up" | "down";
        };
        DestinationDto: {
            destination: string;
            /** @example location */
            type: Record<string, never>;
        };
        DirectoryStatDto: {
            /** Format: date-time */
            computedAt: string;
            /** @example 42 */
            enterprises: number;
            /** @example 150102 */
            regionCode: string;
            /** @enum {string} */
            riskClass: "A" | "B" | "C" | "D";
            /** @enum {string} */
            status: "active" | "suspended" | "revoked" | "closed";
        };
        DiscardDto: {
            /** @description Why the list is abandoned */
            reason?: string;
        };
        DisposalDto: {
            /** @description By the same dimensions as `rows` */
            rows: components["schemas"]["DisposalRowDto"][];
            sectors: components["schemas"]["DisposalSectorDto"][];
            total: components["schemas"]["DisposalFiguresDto"];
        };
        DisposalFiguresDto: {
            /**
             * @description Of them, those whose follow-up case is closed
             * @example 34
             */
            disposed: number;
            /**
             * @description Final failures (re-inspections not counted)
             * @example 35
             */
            failures: number;
            /**
             * @description rate − target in percentage points; negative when short
             * @example -2.86
             */
            gap: string | null;
            /**
             * @description failures − disposed: cases still open
             * @example 1
             */
            open: number;
            /**
             * @description disposed ÷ failures in percent, two decimals, half to even; null without one
             * @example 97.14
             */
            rate: string | null;
            /**
             * @description The disposal-rate target in force (food: 100 % from the 2025 outline); null when the row spans sectors or none is set
             * @example 100
             */
            target: string | null;
            /** @example 150000 */
            targetJurisdiction: string | null;
            /** @example 2025 */
            targetYear: number | null;
        };
        DisposalRowDto: {
            category?: string;
            county?: string;
            /**
             * @description Of them, those whose follow-up case is closed
             * @example 34
             */
            disposed: number;
            /**
             * @description Final failures (re-inspections not counted)
             * @example 35
             */
            failures: number;
            /**
             * @description rate − target in percentage points; negative when short
             * @example -2.86
             */
            gap: string | null;
            month?: string;
            /**
             * @description failures − disposed: cases still open
             * @example 1
             */
            open: number;
            /** Format: uuid */
            plan?: string;
            prefecture?: string;
            quarter?: string;
            /**
             * @description disposed ÷ failures in percent, two decimals, half to even; null without one
             * @example 97.14
             */
            rate: string | null;
            /** @enum {string} */
            sector?: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            /** @enum {string} */
            size?: "large" | "medium" | "small" | "micro";
            /** @enum {string} */
            stage?: "production" | "distribution" | "online";
            /**
             * @description The disposal-rate target in force (food: 100 % from the 2025 outline); null when the row spans sectors or none is set
             * @example 100
             */
            target: string | null;
            /** @example 150000 */
            targetJurisdiction: string | null;
            /** @example 2025 */
            targetYear: number | null;
            year?: number;
        };
        DisposalSectorDto: {
            /**
             * @description Of them, those whose follow-up case is closed
             * @example 34
             */
            disposed: number;
            /**
             * @description Final failures (re-inspections not counted)
             * @example 35
             */
            failures: number;
            /**
             * @description rate − target in percentage points; negative when short
             * @example -2.86
             */
            gap: string | null;
            /**
             * @description failures − disposed: cases still open
             * @example 1
             */
            open: number;
            /**
             * @description disposed ÷ failures in percent, two decimals, half to even; null without one
             * @example 97.14
             */
            rate: string | null;
            /** @enum {string} */
            sector: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            /**
             * @description The disposal-rate target in force (food: 100 % from the 2025 outline); null when the row spans sectors or none is set
             * @example 100
             */
            target: string | null;
            /** @example 150000 */
            targetJurisdiction: string | null;
            /** @example 2025 */
            targetYear: number | null;
        };
        DistributionStepDto: {
            /** @enum {string|null} */
            action: "OBSERVE" | "ADD" | "DELETE" | null;
            bizLocation: string | null;
            bizStep: string | null;
            bizTransactions: components["schemas"]["BizTransactionDto"][];
            destinations: components["schemas"]["DestinationDto"][];
            disposition: string | null;
            epcs: string[];
            eventId: string;
            /** Format: date-time */
            eventTime: string;
            eventTimeZoneOffset: string;
            /** Format: uuid */
            id: string;
            /** @enum {string|null} */
            movement: "shipped" | "received" | "recalled" | null;
            owner: string;
            quantities: components["schemas"]["QuantityDto"][];
            readPoint: string | null;
            sources: components["schemas"]["SourceDto"][];
            /** @enum {string} */
            type: "ObjectEvent" | "AggregationEvent" | "TransactionEvent" | "TransformationEvent" | "AssociationEvent";
        };
        DrawParamsDto: {
            inspectorCapacity: number | null;
            maxTasks: number | null;
            /**
             * @description Basis points
             * @example {
             *       "A": 300,
             *       "B": 1000,
             *       "C": 3000,
             *       "D": 10000
             *     }
             */
            ratiosBp: Record<string, never>;
            stratifyByPrefecture: boolean;
        };
        DrawPlanDto: {
            /**
             * @description The seed whose sha256 was committed; 16–256 visible ASCII characters (docs/draw-algorithm.md §2)
             * @example 0123456789abcdef0123456789abcdef
             */
            seed: string;
        };
        DrawSummaryDto: {
            /** @example spotcheck-draw/3 */
            algorithmVersion: string;
            /** @description Whether the plan's maxTasks cut the quotas */
            capApplied: boolean;
            /** @description sha256(seed) as committed */
            commitment: string;
            /** Format: date-time */
            drawnAt: string;
            drawnBy: string;
            eligibleCount: number;
            /** @description SHA-256 of the eligible list */
            eligibleDigest: string;
            exclusions: number;
            /** Format: uuid */
            id: string;
            params: components["schemas"]["DrawParamsDto"];
            /** Format: uuid */
            planId: string;
            strata: components["schemas"]["StratumDto"][];
            tasks: number;
            totalQuota: number;
            /** @description Tasks the draw left without a pair or a lab */
            unassignedTasks: number;
        };
        DrawVerificationDto: {
            /** Format: uuid */
            drawId: string;
            /** Format: uuid */
            planId: string;
            /** @description The draw record without its eligible list (docs/draw-algorithm.md §10) */
            record: {
                [key: string]: unknown;
            };
            /** @example /api/v1/draws/4b1f…/record */
            recordUrl: string;
            verdict: components["schemas"]["VerdictDto"];
        };
        EditSectorRulesDto: {
            backupAfterFail?: components["schemas"]["RetentionRuleInput"];
            backupAfterPass?: components["schemas"]["RetentionRuleInput"];
            /**
             * @description the version the change was made against; 409 STALE_VERSION if it moved on
             * @example 1
             */
            expectVersion?: number;
            expiredBackupRetest?: components["schemas"]["PermissionRuleInput"];
            microbialRetest?: components["schemas"]["PermissionRuleInput"];
            objectionDecision?: components["schemas"]["PeriodRuleInput"];
            objectionWindow?: components["schemas"]["PeriodRuleInput"];
            /**
             * @description why the rules change
             * @example 依据本省实施细则调整检验时限
             */
            reason: string;
            retestTesting?: components["schemas"]["PeriodRuleInput"];
            sampleDelivery?: components["schemas"]["PeriodRuleInput"];
            testing?: components["schemas"]["PeriodRuleInput"];
        };
        EnterpriseDto: {
            address: string;
            /**
             * @example [
             *       "DAIRY-PAST"
             *     ]
             */
            categories: string[];
            /** Format: date-time */
            createdAt: string;
            /** @example 呼和浩特市某乳业有限公司 */
            name: string;
            /** @example 150102 */
            regionCode: string;
            /** @enum {string} */
            riskClass: "A" | "B" | "C" | "D";
            /** @enum {string} */
            size: "large" | "medium" | "small" | "micro";
            /** @enum {string} */
            status: "active" | "suspended" | "revoked" | "closed";
            /** Format: date-time */
            updatedAt: string;
            /** @example 91150100MA0N000000 */
            uscc: string;
        };
        EnterprisePageDto: {
            items: components["schemas"]["EnterpriseDto"][];
            /** @description Pass as `cursor` for the next page */
            nextCursor: string | null;
        };
        EnterpriseSampleDto: {
            batchNo: string | null;
            brand: string | null;
            /** @enum {string} */
            custodyState: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
            gtin: string | null;
            manufacturerName: string;
            manufacturerUscc: string | null;
            planCode: string;
            productName: string;
            /** @description The latest issued report (the retest’s when there is one); null before */
            result: components["schemas"]["TraceResultDto"] | null;
            /** @enum {string} */
            role: "sampled" | "manufacturer";
            sampledUscc: string;
            sampleNo: string;
            /** Format: date */
            samplingDate: string;
        };
        EnterpriseSamplePageDto: {
            items: components["schemas"]["EnterpriseSampleDto"][];
            nextCursor: string | null;
        };
        EnterpriseStandardItemDto: {
            itemCode: string;
            /**
             * @description the limit judged by
             * @example ≤0.3
             */
            limit: string;
            /**
             * @description the enterprise’s declared standard
             * @example Q/NMYL 0001S-2024
             */
            reference: string;
            /**
             * @description the template’s limit it replaced
             * @example ≤0.5
             */
            templateLimit: string;
        };
        EnterpriseTraceDto: {
            enterprise: components["schemas"]["TraceEnterpriseDto"];
            riskHistory: components["schemas"]["RiskPeriodDto"][];
            samples: components["schemas"]["EnterpriseSamplePageDto"];
            unableToSample: components["schemas"]["TraceUnableTaskDto"][];
        };
        EntryDto: {
            batchNo: string | null;
            brand: string | null;
            category: string;
            /** @description Empty in the pass table */
            failedItems: components["schemas"]["FailedItemDto"][];
            /** @description The lab; failed-product table only */
            lab: string | null;
            manufacturerAddress: string | null;
            manufacturerName: string;
            /** Format: date */
            productionDate: string | null;
            productName: string;
            remark: string | null;
            /** @description Failed-product table only */
            sampledUnitAddress: string | null;
            sampledUnitName: string;
            sampledUnitRegion: string;
            sampleNo: string;
            serial: number;
            spec: string | null;
            taskSource: string;
        };
        EntryPageDto: {
            items: components["schemas"]["EntryDto"][];
            nextCursor: string | null;
        };
        EpcisEventDto: {
            /** @enum {string|null} */
            action: "OBSERVE" | "ADD" | "DELETE" | null;
            bizLocation: string | null;
            bizStep: string | null;
            bizTransactions: components["schemas"]["BizTransactionDto"][];
            /** Format: date-time */
            capturedAt: string;
            /** Format: uuid */
            captureId: string;
            destinations: components["schemas"]["DestinationDto"][];
            disposition: string | null;
            epcClasses: string[];
            epcs: string[];
            /** @description As captured */
            event: {
                [key: string]: unknown;
            };
            eventHash: string;
            /** @description Its eventID, or its content hash */
            eventId: string;
            /** Format: date-time */
            eventTime: string;
            /** @example +08:00 */
            eventTimeZoneOffset: string;
            /** @description GTIN-14s the event names */
            gtins: string[];
            /** Format: uuid */
            id: string;
            /** @description Batches/lots the event names */
            lots: components["schemas"]["LotDto"][];
            /** @description The capturing enterprise (USCC) */
            owner: string;
            readPoint: string | null;
            sources: components["schemas"]["SourceDto"][];
            /** @enum {string} */
            type: "ObjectEvent" | "AggregationEvent" | "TransactionEvent" | "TransformationEvent" | "AssociationEvent";
        };
        EpcisEventPageDto: {
            items: components["schemas"]["EpcisEventDto"][];
            nextCursor: string | null;
        };
        ErrorDto: {
            /**
             * @description stable, machine-readable
             * @example NOT_FOUND
             */
            code: string;
            errors?: components["schemas"]["FieldErrorDto"][];
            /** @example report 0b6f… not found */
            message: string;
            /** @example 404 */
            statusCode: number;
        };
        ExclusionDto: {
            /** @description The plan whose task excluded it */
            byPlanCode: string | null;
            category: string;
            /** @enum {string} */
            code: "RECENTLY_CHECKED" | "HIGHER_LEVEL_PLAN";
            reason: string;
            uscc: string;
        };
        ExclusionListDto: {
            items: components["schemas"]["ExclusionDto"][];
        };
        FailedItemDto: {
            item: string;
            limit: string;
            unit: string | null;
            value: string;
        };
        FieldErrorDto: {
            /** @example items[0].value */
            field: string;
            /** @example must be a decimal string */
            reason: string;
        };
        FileListDto: {
            /** @description Empty until the worker has rendered them */
            items: components["schemas"]["StoredFileDto"][];
        };
        FileObjectionDto: {
            contact: components["schemas"]["ObjectionContactDto"];
            /**
             * @description item codes among the failed items of the notice
             * @example [
             *       "FAT"
             *     ]
             */
            items: string[];
            /** @example 对脂肪项目检验结果有异议，申请复检备份样品 */
            reason: string;
        };
        GtinPrefixDto: {
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "company_prefix" | "gtin";
            uscc: string;
            /** @description A GS1 company prefix (6–12 digits) or a GTIN-14 */
            value: string;
        };
        GtinPrefixPageDto: {
            items: components["schemas"]["GtinPrefixDto"][];
            nextCursor: string | null;
        };
        HeldCaseDto: {
            category: components["schemas"]["CaseCategoryDto"];
            /** @description the manufacturer's */
            decision: components["schemas"]["HeldDecisionDto"] | null;
            failedItems: {
                [key: string]: unknown;
            }[];
            /** Format: date */
            finalOn: string | null;
            holding: components["schemas"]["HoldingDto"];
            /**
             * Format: uuid
             * @description the follow-up case
             */
            id: string;
            product: components["schemas"]["CaseProductDto"];
            sampleNo: string;
            /**
             * @description the case as it concerns the holder: open, closed, or withdrawn (the failure was overturned: nothing to withdraw)
             * @enum {string}
             */
            status: "open" | "closed" | "withdrawn";
        };
        HeldDecisionDto: {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            decision: "recall" | "withdraw" | "no_recall";
            reason: string;
        };
        HoldingDto: {
            confirmed: components["schemas"]["RecallConfirmationDto"] | null;
            /**
             * Format: date-time
             * @description when the worker told it to withdraw the batch; null: not yet
             */
            notifiedAt: string | null;
            /** @description its places the events name */
            places: components["schemas"]["HoldingPlaceDto"][];
        };
        HoldingPlaceDto: {
            events: number;
            /** Format: date-time */
            firstAt: string;
            /** @description the party or place the events name (SGLN, PGLN, Digital Link…) */
            holder: string;
        };
        ImportedPasswordDto: {
            /** @description the generated first password, shown this once */
            initialPassword: string;
            userName: string;
        };
        ImportRejectedDto: {
            /** @example IMPORT_REJECTED */
            code: string;
            /** @description Every problem found; at most 100 are listed */
            errorCount: number;
            errors: components["schemas"]["ImportRowErrorDto"][];
            message: string;
            /** @example 400 */
            statusCode: number;
        };
        ImportResultDto: {
            bytes: number;
            /** @enum {string} */
            directory: "enterprise" | "inspector" | "lab" | "catalog";
            /** @enum {string} */
            format: "csv" | "xlsx";
            /** @description Headers of the file no column reads */
            ignoredColumns: string[];
            /** @description Records created (catalog: categories) */
            inserted: number;
            /** @description Data rows read (catalog: test items) */
            rows: number;
            /** @description SHA-256 of the whole upload, hex */
            sha256: string;
            /** @description Records the file names but leaves as they were */
            unchanged: number;
            /** @description Records changed */
            updated: number;
        };
        ImportRowErrorDto: {
            /**
             * @description English column name; empty for the row
             * @example region_code
             */
            column: string;
            /** @example 150199 is not a GB/T 2260 code */
            reason: string;
            /**
             * @description Spreadsheet row (the header is row 1)
             * @example 7
             */
            row: number;
        };
        InspectorDto: {
            active: boolean;
            categories: string[];
            /** @description USCCs of declared conflicts of interest */
            conflicts: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** @example 150100 */
            regionCode: string;
            /** @example NM-150100-0001 */
            staffNo: string;
            unit: string;
            /** Format: date-time */
            updatedAt: string;
        };
        InspectorPageDto: {
            items: components["schemas"]["InspectorDto"][];
            /** @description Pass as `cursor` for the next page */
            nextCursor: string | null;
        };
        LabDto: {
            active: boolean;
            /** @description Samples per year the lab can test */
            capacity: number;
            categories: string[];
            cmaNo: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** @example 150100 */
            regionCode: string;
            /** Format: date-time */
            updatedAt: string;
            uscc: string;
        };
        LabPageDto: {
            items: components["schemas"]["LabDto"][];
            /** @description Pass as `cursor` for the next page */
            nextCursor: string | null;
        };
        LiveDto: {
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok";
        };
        LocalizedDto: {
            /** @example Food Safety Law art. 88: … */
            en: string;
            /** @example 《中华人民共和国食品安全法》第八十八条：… */
            zh: string;
        };
        LotDto: {
            /** @description GTIN-14 */
            gtin: string;
            lot: string;
        };
        ManufacturerDto: {
            /** @example 某市某区某路2号 */
            address?: string;
            /**
             * @description Nominal manufacturer (标称生产者)
             * @example 某乳业有限公司
             */
            name: string;
            /**
             * @description USCC when known (check character verified); the manufacturer need not be in the directory
             * @example 91150100MA0N000013
             */
            uscc?: string;
        };
        MarkedDto: {
            /**
             * @description How many were unread and are now read
             * @example 3
             */
            marked: number;
        };
        MeDto: {
            displayName: string | null;
            /** @description GB/T 2260 code (regulators) */
            jurisdiction: string | null;
            /** @description lab id or enterprise USCC */
            org: string | null;
            /** @enum {string} */
            role: "regulator" | "lab" | "enterprise" | "admin";
            /**
             * Format: uuid
             * @description the sign-in session (cookie sign-ins); null for a bearer token
             */
            session: string | null;
            /** @description inspector staff number */
            staffNo: string | null;
            /** @description the token subject: an account's user name */
            sub: string;
        };
        MessageDto: {
            /** @example Sample NM-2026-001-0007 did not reach its lab by 2026-03-09 (5 working days after sampling) */
            en: string;
            /** @example 样品 NM-2026-001-0007 未在 2026-03-09 前送达检验机构（抽样后5个工作日内） */
            zh: string;
        };
        NamedRefDto: {
            /** Format: uuid */
            id: string;
            name: string;
        };
        NoticeDto: {
            amendmentReason: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description days from today (Beijing) to objectionDeadline, counted as its rule counts them (working days on the calendar unless the rule's dayKind is calendar); 0 on the day itself; negative (calendar days) once past; null when the calendar cannot count the span */
            daysLeft: number | null;
            /** @description The calendar did not yet cover every day counted */
            deadlineProvisional: boolean;
            failedItems: {
                [key: string]: unknown;
            }[];
            /** Format: uuid */
            id: string;
            lab: components["schemas"]["NoticeLabDto"];
            manufacturerUscc: string | null;
            /**
             * Format: date
             * @description The last day an objection is in time
             */
            objectionDeadline: string;
            /** @description The sector's objectionWindow rule, version and source the deadline came from */
            objectionDeadlineRule: components["schemas"]["RuleRefDto"] | null;
            product: components["schemas"]["NoticeProductDto"];
            /** Format: date-time */
            readAt: string | null;
            /** @enum {string} */
            regime: "food" | "product";
            reportNo: string;
            reportVersion: number;
            sampleNo: string;
            /** Format: date */
            servedOn: string;
            /** @description The sampled enterprise, to whom it is addressed */
            uscc: string;
            /** @example fail */
            verdict: string;
        };
        NoticeLabDto: {
            /** Format: uuid */
            id: string;
            name: string;
        };
        NoticeListDto: {
            /** @description The newest 500 */
            items: components["schemas"]["NoticeDto"][];
        };
        NoticeProductDto: {
            batch: string | null;
            brand: string | null;
            name: string;
            spec: string | null;
        };
        NotificationDto: {
            /** Format: date-time */
            createdAt: string;
            /**
             * @description By kind: delivery_overdue {sampleNo, dueDate, planCode}; testing_overdue {sampleNo, dueDate, labName}; objection_closed {sampleNo, dueDate, reportNo}; job_failed {queue, job, jobId, attempts, error}; recall_holder {caseId, sampleNo, productName, gtin, batch, holder}
             * @example {
             *       "sampleNo": "NM-2026-001-0007",
             *       "dueDate": "2026-03-09",
             *       "planCode": "NM-2026-001"
             *     }
             */
            detail: {
                [key: string]: unknown;
            };
            /**
             * Format: date
             * @description The deadline that passed
             */
            dueOn: string | null;
            /** Format: uuid */
            id: string;
            /** @description The regulators’ office it is addressed to (GB/T 2260); null when addressed to you or to admins */
            jurisdiction: string | null;
            /** @enum {string} */
            kind: "delivery_overdue" | "testing_overdue" | "objection_closed" | "job_failed" | "recall_holder";
            message: components["schemas"]["MessageDto"];
            /**
             * Format: date-time
             * @description When you read it; null while unread
             */
            readAt: string | null;
            /** @description What it is about: the sample's id (delivery_overdue, testing_overdue), the result notice's id (objection_closed), the follow-up case's id (recall_holder: open its holder's view at /api/v1/cases/{subject}/withdrawal), `<queue>/<job id>` (job_failed) */
            subject: string;
        };
        NotificationPageDto: {
            /** @description Newest first */
            items: components["schemas"]["NotificationDto"][];
            /** @description pass as `cursor` for the next page */
            nextCursor: string | null;
        };
        ObjectionCategoryDto: {
            code: string;
            name: string;
            sector: string;
        };
        ObjectionContactDto: {
            /** @example 呼和浩特市新城区某路1号 */
            address?: string;
            /** @example qa@example.com */
            email?: string;
            /** @example 李四 */
            name: string;
            /** @example 0471-1234567 */
            phone: string;
        };
        ObjectionDto: {
            category: components["schemas"]["ObjectionCategoryDto"];
            /** @description SHA-256 of the draw’s seed */
            commitment: string | null;
            /** Format: date-time */
            committedAt: string | null;
            /** Format: date */
            concludedOn: string | null;
            /** @enum {string|null} */
            conclusion: "confirmed" | "overturned" | null;
            contact: components["schemas"]["ObjectionContactDto"];
            custodyState: string;
            /** Format: date-time */
            decidedAt: string | null;
            decidedBy: string | null;
            /** Format: date */
            decidedOn: string | null;
            /**
             * Format: date
             * @description the decision is due by then
             */
            decisionDue: string;
            /** @description the sector’s objectionDecision rule used */
            decisionDueRule: components["schemas"]["RuleRefDto"];
            decisionReason: string | null;
            /** Format: date-time */
            drawnAt: string | null;
            drawnBy: string | null;
            enterpriseName: string;
            /**
             * @description who pays the retest: the applicant first, the regulator when overturned
             * @enum {string|null}
             */
            feePayer: "applicant" | "regulator" | null;
            /** Format: date-time */
            filedAt: string;
            filedBy: string;
            /** Format: date */
            filedOn: string;
            /** Format: uuid */
            id: string;
            items: string[];
            /** @description the plan’s jurisdiction, which decides */
            jurisdiction: string;
            /** @description the lab that tested the sample */
            lab: components["schemas"]["NamedRefDto"];
            /** Format: uuid */
            noticeId: string;
            /**
             * Format: date
             * @description the deadline the objection met
             */
            objectionDeadline: string;
            objectionDeadlineRule: components["schemas"]["RuleRefDto"] | null;
            /** @enum {string|null} */
            outcome: "pass" | "fail" | null;
            /** @description undecided after its decision due date */
            overdue: boolean;
            product: components["schemas"]["ObjectionProductDto"];
            reason: string;
            /** @description drawn labs that refused the backup, in order, each with the draw that drew it */
            refusals: components["schemas"]["RetestRefusalRecordDto"][];
            retestLab: components["schemas"]["NamedRefDto"] | null;
            /** Format: uuid */
            retestReportId: string | null;
            sampleNo: string;
            /** @enum {string} */
            state: "filed" | "rejected" | "accepted" | "retest_drawn" | "concluded";
            stillFailing: string[] | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description the applicant: the sampled enterprise */
            uscc: string;
        };
        ObjectionListDto: {
            /** @description the newest 500 */
            items: components["schemas"]["ObjectionDto"][];
        };
        ObjectionProductDto: {
            batch: string | null;
            brand: string | null;
            name: string;
        };
        OnlineShopDto: {
            /** @example 某电商平台 */
            platform: string;
            /** @example 某乳业官方旗舰店 */
            shopName: string;
        };
        OrderCaseDto: {
            /** @example 立即停止销售该批次产品，查明不合格原因并整改，整改完成后报送整改报告 */
            requirements: string;
            /**
             * @description the period in working days after today, counted on the working-day calendar
             * @example 15
             */
            workingDays: number;
        };
        PeriodRuleDto: {
            /** @enum {string} */
            dayKind: "working" | "calendar";
            /** @example 7 */
            days: number;
            source: components["schemas"]["LocalizedDto"];
        };
        PeriodRuleInput: {
            /** @enum {string} */
            dayKind?: "working" | "calendar";
            /** @example 10 */
            days?: number;
            /** @description required when the value changes */
            source?: components["schemas"]["RuleSourceInput"];
        };
        PermissionRuleDto: {
            allowed: boolean;
            source: components["schemas"]["LocalizedDto"];
        };
        PermissionRuleInput: {
            allowed?: boolean;
            /** @description required when the value changes */
            source?: components["schemas"]["RuleSourceInput"];
        };
        PlaceDto: {
            /** @example 呼和浩特市新城区某路1号 */
            address: string;
            /**
             * @description GB/T 2260 code of the place
             * @example 150102
             */
            regionCode: string;
        };
        PlanDto: {
            /**
             * @example [
             *       "DAIRY-PAST"
             *     ]
             */
            categories: string[];
            /** @example NM-2026-001 */
            code: string;
            /** @description sha256(seed), once committed */
            commitment: string | null;
            /** Format: date-time */
            committedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /**
             * @description GB/T 2260 code; '000000' for a national plan
             * @example 150000
             */
            jurisdiction: string;
            /** @enum {string} */
            level: "national" | "provincial" | "prefecture";
            maxTasks: number | null;
            maxTasksPerInspector: number | null;
            /**
             * @description Ratio per credit-risk class in basis points (300 = 3 %), every class present
             * @example {
             *       "A": 300,
             *       "B": 1000,
             *       "C": 3000,
             *       "D": 10000
             *     }
             */
            ratios: Record<string, never>;
            /** Format: date */
            reportDeadline: string | null;
            /** Format: date */
            samplingDeadline: string | null;
            stages: ("production" | "distribution" | "online")[];
            /** @enum {string} */
            state: "draft" | "committed" | "drawn" | "sampling" | "closed" | "cancelled";
            stratifyByPrefecture: boolean;
            /** @example 2026年内蒙古自治区乳制品质量监督抽查 */
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Row version, raised by every write */
            version: number;
            witness: string | null;
            /** @example 2026 */
            year: number;
        };
        PlanPageDto: {
            items: components["schemas"]["PlanDto"][];
            /** @description Pass as `cursor` for the next page */
            nextCursor: string | null;
        };
        PlanTaskDto: {
            category: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            drawId: string;
            /** Format: date */
            dueDate: string | null;
            /** Format: uuid */
            id: string;
            /** @description Staff numbers of the pair */
            inspectors: string[] | null;
            /** Format: uuid */
            labId: string | null;
            note: string | null;
            /** Format: uuid */
            planId: string;
            /** @enum {string} */
            state: "assigned" | "sampled" | "unable_to_sample" | "cancelled";
            /** Format: date-time */
            stateChangedAt: string | null;
            stateChangedBy: string | null;
            taskNo: number;
            /** @enum {string|null} */
            unableReason: "closed" | "no_product" | "refused" | null;
            unassigned: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            updatedAt: string;
            uscc: string;
            violation: boolean;
        };
        PlanTaskPageDto: {
            items: components["schemas"]["PlanTaskDto"][];
            nextCursor: string | null;
        };
        PortionDto: {
            /**
             * @description Positive decimal, as a string
             * @example 12
             */
            quantity: string;
            /** @example 盒 */
            unit: string;
        };
        ProductDistributionDto: {
            batch: string | null;
            /** @description GTIN-14 */
            gtin: string;
            items: components["schemas"]["DistributionStepDto"][];
            nextCursor: string | null;
        };
        ProductTraceDto: {
            distribution: components["schemas"]["ProductDistributionDto"] | null;
            samples: components["schemas"]["SampleBriefDto"][];
            /** @description More than 500 samples matched */
            truncated: boolean;
        };
        PublicationDto: {
            /** Format: date-time */
            approvedAt: string | null;
            approvedBy: string | null;
            /** @description Position in the jurisdiction's chain */
            chainSeq: number | null;
            /** Format: date-time */
            compiledAt: string;
            /** @description Who compiled the draft (a token subject, or system:scheduler) */
            compiledBy: string;
            /** @description SHA-256 of the canonical JSON */
            digest: string | null;
            /** Format: date-time */
            discardedAt: string | null;
            discardedBy: string | null;
            discardReason: string | null;
            /** @description Rows of the failed-product table (不合格产品信息) */
            failedCount: number;
            /** Format: uuid */
            id: string;
            /** @example 150100 */
            jurisdiction: string;
            /** @example 内蒙古自治区呼和浩特市 */
            jurisdictionName: string;
            /** @enum {string} */
            kind: "list" | "correction" | "withdrawal";
            /** @example 内市监公告〔2026〕12号 */
            noticeNo: string | null;
            noticeSeq: number | null;
            noticeYear: number | null;
            /** @description Rows of the pass table (合格产品信息) */
            passedCount: number;
            /** @description The digest of the jurisdiction's list before */
            previousDigest: string | null;
            /** Format: uuid */
            previousId: string | null;
            /** Format: date-time */
            publishedAt: string | null;
            publishedBy: string | null;
            /** Format: date */
            publishedOn: string | null;
            /** @description Why a correction or withdrawal was made */
            reason: string | null;
            /**
             * Format: uuid
             * @description The first version of this list
             */
            seriesId: string;
            /** @enum {string} */
            state: "draft" | "approved" | "published" | "discarded";
            /**
             * Format: uuid
             * @description The published version that replaced this one
             */
            supersededBy: string | null;
            /**
             * Format: uuid
             * @description The version this one replaces
             */
            supersedesId: string | null;
            /**
             * Format: date
             * @description Lists outcomes final on or before this day
             */
            until: string;
            version: number;
        };
        PublicationListDto: {
            /** @description The newest 200 */
            items: components["schemas"]["PublicationDto"][];
        };
        QuantityDto: {
            epcClass: string;
            quantity?: number;
            uom?: string;
        };
        RateFiguresDto: {
            /**
             * @description Batches whose report concludes nothing; not counted
             * @example 0
             */
            excluded: number;
            /**
             * @description Batches with a final fail
             * @example 35
             */
            fail: number;
            /**
             * @description pass + fail
             * @example 1000
             */
            final: number;
            /**
             * @description rate − target in percentage points (from the exact rate); negative when short
             * @example 0.00
             */
            gap: string | null;
            /**
             * @description Batches with a final pass
             * @example 965
             */
            pass: number;
            /**
             * @description Batches not final yet (objection window, objection, retest); not in the rate
             * @example 12
             */
            pending: number;
            /**
             * @description pass ÷ final in percent, two decimals, half to even; null without a final batch
             * @example 96.50
             */
            rate: string | null;
            /**
             * @description The pass-rate target in force, percent; null when the row spans sectors or none is set
             * @example 96.5
             */
            target: string | null;
            /**
             * @description The jurisdiction that set it
             * @example 150000
             */
            targetJurisdiction: string | null;
            /**
             * @description The year the target was set for
             * @example 2025
             */
            targetYear: number | null;
        };
        RatePeriodDto: {
            /**
             * @description First month (of sampling)
             * @example 2026-07
             */
            from: string;
            /** @example 2026-Q3 */
            label: string;
            /**
             * @description Last month
             * @example 2026-09
             */
            to: string;
        };
        RateRowDto: {
            /** @example DAIRY-PAST */
            category?: string;
            /** @example 巴氏杀菌乳 */
            categoryName?: string;
            /** @example 150102 */
            county?: string;
            /**
             * @description Batches whose report concludes nothing; not counted
             * @example 0
             */
            excluded: number;
            /**
             * @description Batches with a final fail
             * @example 35
             */
            fail: number;
            /**
             * @description pass + fail
             * @example 1000
             */
            final: number;
            /**
             * @description rate − target in percentage points (from the exact rate); negative when short
             * @example 0.00
             */
            gap: string | null;
            /** @example 2026-07 */
            month?: string;
            /**
             * @description Batches with a final pass
             * @example 965
             */
            pass: number;
            /**
             * @description Batches not final yet (objection window, objection, retest); not in the rate
             * @example 12
             */
            pending: number;
            /** Format: uuid */
            plan?: string;
            /** @example NM-2026-01 */
            planCode?: string;
            /** @example 150100 */
            prefecture?: string;
            /** @example 2026-Q3 */
            quarter?: string;
            /**
             * @description pass ÷ final in percent, two decimals, half to even; null without a final batch
             * @example 96.50
             */
            rate: string | null;
            /**
             * @description Name of the county, else of the prefecture
             * @example 呼和浩特市
             */
            regionName?: string;
            /**
             * @description Also given when the row’s batches are of one sector
             * @enum {string}
             */
            sector?: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            /** @enum {string} */
            size?: "large" | "medium" | "small" | "micro";
            /** @enum {string} */
            stage?: "production" | "distribution" | "online";
            /**
             * @description The pass-rate target in force, percent; null when the row spans sectors or none is set
             * @example 96.5
             */
            target: string | null;
            /**
             * @description The jurisdiction that set it
             * @example 150000
             */
            targetJurisdiction: string | null;
            /**
             * @description The year the target was set for
             * @example 2025
             */
            targetYear: number | null;
            /** @example 2026 */
            year?: number;
        };
        RatesDto: {
            /**
             * @example [
             *       "sector",
             *       "prefecture"
             *     ]
             */
            by: ("plan" | "category" | "sector" | "prefecture" | "county" | "size" | "stage" | "month" | "quarter" | "year")[];
            /** @description The problem disposal rate (问题处置率) over the same selection, beside its target */
            disposal: components["schemas"]["DisposalDto"];
            /** @example 150100 */
            jurisdiction: string | null;
            period: components["schemas"]["RatePeriodDto"];
            rows: components["schemas"]["RateRowDto"][];
            /** @description Each sector of the selection against its target */
            sectors: components["schemas"]["RateSectorDto"][];
            /** @description All the rows together */
            total: components["schemas"]["RateFiguresDto"];
        };
        RateSectorDto: {
            /**
             * @description Batches whose report concludes nothing; not counted
             * @example 0
             */
            excluded: number;
            /**
             * @description Batches with a final fail
             * @example 35
             */
            fail: number;
            /**
             * @description pass + fail
             * @example 1000
             */
            final: number;
            /**
             * @description rate − target in percentage points (from the exact rate); negative when short
             * @example 0.00
             */
            gap: string | null;
            /**
             * @description Batches with a final pass
             * @example 965
             */
            pass: number;
            /**
             * @description Batches not final yet (objection window, objection, retest); not in the rate
             * @example 12
             */
            pending: number;
            /**
             * @description pass ÷ final in percent, two decimals, half to even; null without a final batch
             * @example 96.50
             */
            rate: string | null;
            /** @enum {string} */
            sector: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            /**
             * @description The pass-rate target in force, percent; null when the row spans sectors or none is set
             * @example 96.5
             */
            target: string | null;
            /**
             * @description The jurisdiction that set it
             * @example 150000
             */
            targetJurisdiction: string | null;
            /**
             * @description The year the target was set for
             * @example 2025
             */
            targetYear: number | null;
        };
        ReadyDto: {
            /**
             * @description Every dependency checked
             * @example {
             *       "database": {
             *         "status": "up"
             *       },
             *       "redis": {
             *         "status": "up"
             *       }
             *     }
             */
            details: {
                [key: string]: components["schemas"]["DependencyStatusDto"];
            };
            /**
             * @description The dependencies that do not answer
             * @example {
             *       "redis": {
             *         "status": "down",
             *         "message": "timeout"
             *       }
             *     }
             */
            error?: {
                [key: string]: components["schemas"]["DependencyStatusDto"];
            };
            /**
             * @description The dependencies that answer
             * @example {
             *       "database": {
             *         "status": "up"
             *       },
             *       "redis": {
             *         "status": "up"
             *       }
             *     }
             */
            info?: {
                [key: string]: components["schemas"]["DependencyStatusDto"];
            };
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok" | "error" | "shutting_down";
        };
        ReassignmentDto: {
            actor: string;
            /** Format: date-time */
            at: string;
            newStaffNo: string;
            oldStaffNo: string | null;
            reason: string;
            /** @enum {number} */
            slot: 1 | 2;
        };
        ReassignTaskDto: {
            /**
             * @description Why (kept in the reassignment history)
             * @example 原检查人员病假
             */
            reason: string;
            /** @description The member to replace, by staff number */
            replace?: string;
            /**
             * @description The member to replace, by position
             * @enum {number}
             */
            slot?: 1 | 2;
            /** @description The new member (with slot or replace) */
            staffNo?: string;
            /** @description Both members, for a task the draw left without a pair */
            staffNos?: string[];
        };
        RecallConfirmationDto: {
            /** Format: date-time */
            at: string;
            by: string | null;
            /** @description the captured recalled event */
            eventId: string | null;
            /** @enum {string} */
            method: "epcis" | "api";
            note: string | null;
        };
        RecallDecisionDto: {
            /**
             * @description recall 主动召回, withdraw 下架停止销售, no_recall 不召回
             * @enum {string}
             */
            decision: "recall" | "withdraw" | "no_recall";
            /** @example 该批次产品已全部通知经销商下架并召回 */
            reason: string;
        };
        RecallDto: {
            /** @description holders that are enterprises of Spotcheck */
            accountHolders: number;
            batch: string | null;
            /** @description of them, those that confirmed the withdrawal */
            confirmed: number;
            /** @description the manufacturer's decision: decision, reason, by, uscc, at */
            decision: {
                [key: string]: unknown;
            } | null;
            gtin: string | null;
            holders: components["schemas"]["RecallHolderDto"][];
        };
        RecallHolderDto: {
            confirmed: components["schemas"]["RecallConfirmationDto"] | null;
            enterpriseName: string | null;
            events: number;
            /** Format: date-time */
            firstAt: string;
            /** @description the party or place the events name (SGLN, PGLN, Digital Link…) */
            holder: string;
            /** @description the enterprises whose events named it */
            namedBy: string[];
            /**
             * Format: date-time
             * @description when the worker told the holder (one with an account) to withdraw the batch
             */
            notifiedAt: string | null;
            /** @description its enterprise, by GS1 prefix */
            uscc: string | null;
        };
        RecomputeDto: {
            /** @example rates.recompute */
            job: string;
            /**
             * @description The outbox row the worker takes the job from
             * @example 1234
             */
            outboxId: string;
        };
        RectificationDto: {
            attachments?: components["schemas"]["AttachmentUploadDto"][];
            /** @example 已下架召回该批次产品，更换原料供应商，加强出厂检验 */
            text: string;
        };
        ReinspectionDto: {
            /**
             * Format: date
             * @description the task is due by then
             */
            dueDate?: string;
            /**
             * Format: uuid
             * @description an active lab accredited for the category
             */
            labId: string;
            /**
             * @description the inspector pair (staff numbers), under the draw’s pair rules
             * @example [
             *       "NM-0001",
             *       "NM-0002"
             *     ]
             */
            staffNos: string[];
        };
        RepresentativeDto: {
            /**
             * @description The enterprise's representative who signed
             * @example 张三
             */
            name: string;
            /** @example 店长 */
            title?: string;
        };
        ResetPasswordDto: {
            /** @description the new first password; omitted: one is generated and answered once */
            password?: string;
        };
        RetentionRuleDto: {
            /** @example 6 */
            months: number;
            source: components["schemas"]["LocalizedDto"];
        };
        RetentionRuleInput: {
            /** @example 6 */
            months?: number;
            /** @description required when the value changes */
            source?: components["schemas"]["RuleSourceInput"];
        };
        RetestCandidateDto: {
            capacity: number;
            id: string;
        };
        RetestDrawDto: {
            /**
             * @description the seed whose SHA-256 was committed
             * @example c0ffee…
             */
            seed: string;
        };
        RetestDrawRecordDto: {
            /** @enum {string} */
            algorithmVersion: "spotcheck-retest-draw/1";
            candidates: components["schemas"]["RetestCandidateDto"][];
            category: string;
            commitment: string;
            eligible: string[];
            eligibleDigest: string;
            index: number;
            key: string;
            lab: string;
            objectionId: string;
            originalLabId: string;
            /** @description on a redraw: the labs that refused the backup, never drawn again */
            refusedLabIds?: string[];
            sampleNo: string;
            seed: string;
        };
        RetestDrawVerificationDto: {
            /** @description the retest lab the record names */
            lab: string;
            objectionId: string;
            verification: components["schemas"]["RetestVerdictDto"];
        };
        RetestRefusalDto: {
            /**
             * @description SHA-256 of the seed of the next retest-lab draw (64 lowercase hex digits)
             * @example a3f1…
             */
            commitment: string;
            /** @example 复检机构告知本月检测能力已满 */
            note?: string;
            /** @enum {string} */
            reason: "seal_broken" | "damaged" | "no_capacity" | "other";
        };
        RetestRefusalRecordDto: {
            /** @description the backup’s custody when the refusal was recorded */
            custodyState: string;
            drawRecord: components["schemas"]["RetestDrawRecordDto"];
            /** Format: uuid */
            labId: string;
            note: string | null;
            /** @enum {string} */
            reason: "seal_broken" | "damaged" | "no_capacity" | "other";
            /** Format: date-time */
            recordedAt: string;
            recordedBy: string;
        };
        RetestVerdictDto: {
            firstDifference?: string;
            /** @enum {string} */
            verdict: "MATCH" | "MISMATCH";
        };
        RiskPeriodDto: {
            /** Format: date-time */
            from: string;
            /** Format: uuid */
            publicationId: string | null;
            /** @description Why the class changed, when known (e.g. the published list that raised it) */
            reason: string | null;
            /** @enum {string} */
            riskClass: "A" | "B" | "C" | "D";
        };
        RuleRefDto: {
            allowed?: boolean;
            /** @enum {string} */
            dayKind?: "working" | "calendar";
            /** @example 7 */
            days?: number;
            /** @example 提出复检申请（异议） */
            label: string;
            /** @example 6 */
            months?: number;
            /**
             * @example objectionWindow
             * @enum {string}
             */
            rule: "sampleDelivery" | "testing" | "objectionWindow" | "objectionDecision" | "retestTesting" | "backupAfterPass" | "backupAfterFail" | "microbialRetest" | "expiredBackupRetest";
            /**
             * @example food
             * @enum {string}
             */
            sector: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            source: components["schemas"]["LocalizedDto"];
            /**
             * @description the version of the sector’s rules used
             * @example 1
             */
            version: number;
        };
        RuleSourceInput: {
            /** @description English; defaults to the Chinese text */
            en?: string;
            /** @example 《某市食品安全监督抽检实施细则》第五条 */
            zh: string;
        };
        SampleAttachmentDto: {
            mediaType?: string;
            name?: string;
            /** @example abababababababababababababababababababababababababababababababab */
            sha256: string;
        };
        SampleBriefDto: {
            batchNo: string | null;
            brand: string | null;
            /** @enum {string} */
            custodyState: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
            gtin: string | null;
            manufacturerName: string;
            manufacturerUscc: string | null;
            planCode: string;
            productName: string;
            /** @description The latest issued report (the retest’s when there is one); null before */
            result: components["schemas"]["TraceResultDto"] | null;
            sampledUscc: string;
            sampleNo: string;
            /** Format: date */
            samplingDate: string;
        };
        SampledEnterpriseDto: {
            name: string;
            uscc: string;
        };
        SampleDetailDto: {
            /** @description What may follow now */
            allowedCustodyKinds: ("sampled" | "sealed" | "shipped" | "received" | "rejected_at_receipt" | "testing" | "backup_retained" | "retest_dispatched" | "disposed" | "returned")[];
            /**
             * Format: date-time
             * @description When it first reached its lab
             */
            arrivedAt: string | null;
            /** @description It reached its lab after the due date */
            arrivedLate: boolean;
            attachments: components["schemas"]["SampleAttachmentDto"][];
            backupPortion: components["schemas"]["SamplePortionDto"];
            category: string;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** @description Every custody event, in order */
            custody: components["schemas"]["CustodyEventDto"][];
            /** @enum {string} */
            custodyState: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
            /** Format: uuid */
            id: string;
            /** @description Staff numbers of the two inspectors */
            inspectors: string[];
            /** Format: date */
            keepUntil: string | null;
            /**
             * Format: date
             * @description Due at its lab: the sector's sampleDelivery rule (food: 5 working days) after sampling
             */
            labDueDate: string;
            /** @description The sector rule, its version and source, the due date was computed with */
            labDueRule: components["schemas"]["RuleRefDto"] | null;
            /** Format: uuid */
            labId: string;
            manufacturer: components["schemas"]["SampleManufacturerDto"];
            note: string | null;
            online: components["schemas"]["SampleOnlineShopDto"] | null;
            /** @description Not at its lab and past its due date (Beijing time) */
            overdue: boolean;
            place: components["schemas"]["SamplePlaceDto"];
            planCode: string;
            /** Format: uuid */
            planId: string;
            /**
             * @description Yuan, a decimal string
             * @example 36
             */
            pricePaid: string;
            product: components["schemas"]["SampleProductDto"];
            representative: components["schemas"]["SampleRepresentativeDto"];
            /** Format: uuid */
            retestLabId: string | null;
            /** Format: date-time */
            sampledAt: string;
            sampledEnterprise: components["schemas"]["SampledEnterpriseDto"];
            /** @example NM-2026-001-0007 */
            sampleNo: string;
            /** Format: date */
            samplingDate: string;
            sealNumbers: string[];
            seq: number;
            /** @enum {string} */
            stage: "production" | "distribution" | "online";
            /** Format: uuid */
            taskId: string;
            testPortion: components["schemas"]["SamplePortionDto"];
            /** Format: date-time */
            updatedAt: string;
        };
        SampleManufacturerDto: {
            address: string | null;
            name: string;
            uscc: string | null;
        };
        SampleOnlineShopDto: {
            platform: string;
            shopName: string;
        };
        SamplePageDto: {
            items: components["schemas"]["SampleViewDto"][];
            /** @description Pass as `cursor` for the next page */
            nextCursor: string | null;
        };
        SamplePlaceDto: {
            address: string;
            /** @example 150102 */
            regionCode: string;
        };
        SamplePortionDto: {
            /**
             * @description A decimal string
             * @example 12
             */
            quantity: string;
            /** @example 盒 */
            unit: string;
        };
        SampleProductDto: {
            batch: string | null;
            brand: string | null;
            /** Format: date */
            expiryDate: string | null;
            /** @description GTIN-14 */
            gtin: string | null;
            name: string;
            /** Format: date */
            productionDate: string | null;
            spec: string | null;
        };
        SampleRepresentativeDto: {
            name: string;
            title: string | null;
        };
        SampleTraceDto: {
            custody: components["schemas"]["CustodyEventDto"][];
            draw: components["schemas"]["TraceDrawDto"] | null;
            inspectors: components["schemas"]["TraceInspectorDto"][];
            lab: components["schemas"]["TraceLabDto"] | null;
            outcome: components["schemas"]["TraceOutcomeDto"] | null;
            plan: components["schemas"]["TracePlanDto"];
            /** @description Issued report versions, in issue order */
            reports: components["schemas"]["TraceReportDto"][];
            retestLab: components["schemas"]["TraceLabDto"] | null;
            sampleNo: string;
            samplingRecord: components["schemas"]["TraceSamplingRecordDto"];
            task: components["schemas"]["TraceTaskDto"];
        };
        SampleViewDto: {
            /** @description What may follow now */
            allowedCustodyKinds: ("sampled" | "sealed" | "shipped" | "received" | "rejected_at_receipt" | "testing" | "backup_retained" | "retest_dispatched" | "disposed" | "returned")[];
            /**
             * Format: date-time
             * @description When it first reached its lab
             */
            arrivedAt: string | null;
            /** @description It reached its lab after the due date */
            arrivedLate: boolean;
            attachments: components["schemas"]["SampleAttachmentDto"][];
            backupPortion: components["schemas"]["SamplePortionDto"];
            category: string;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** @enum {string} */
            custodyState: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
            /** Format: uuid */
            id: string;
            /** @description Staff numbers of the two inspectors */
            inspectors: string[];
            /** Format: date */
            keepUntil: string | null;
            /**
             * Format: date
             * @description Due at its lab: the sector's sampleDelivery rule (food: 5 working days) after sampling
             */
            labDueDate: string;
            /** @description The sector rule, its version and source, the due date was computed with */
            labDueRule: components["schemas"]["RuleRefDto"] | null;
            /** Format: uuid */
            labId: string;
            manufacturer: components["schemas"]["SampleManufacturerDto"];
            note: string | null;
            online: components["schemas"]["SampleOnlineShopDto"] | null;
            /** @description Not at its lab and past its due date (Beijing time) */
            overdue: boolean;
            place: components["schemas"]["SamplePlaceDto"];
            planCode: string;
            /** Format: uuid */
            planId: string;
            /**
             * @description Yuan, a decimal string
             * @example 36
             */
            pricePaid: string;
            product: components["schemas"]["SampleProductDto"];
            representative: components["schemas"]["SampleRepresentativeDto"];
            /** Format: uuid */
            retestLabId: string | null;
            /** Format: date-time */
            sampledAt: string;
            sampledEnterprise: components["schemas"]["SampledEnterpriseDto"];
            /** @example NM-2026-001-0007 */
            sampleNo: string;
            /** Format: date */
            samplingDate: string;
            sealNumbers: string[];
            seq: number;
            /** @enum {string} */
            stage: "production" | "distribution" | "online";
            /** Format: uuid */
            taskId: string;
            testPortion: components["schemas"]["SamplePortionDto"];
            /** Format: date-time */
            updatedAt: string;
        };
        SectorRulesDto: {
            backupAfterFail: components["schemas"]["RetentionRuleDto"];
            backupAfterPass: components["schemas"]["RetentionRuleDto"];
            expiredBackupRetest: components["schemas"]["PermissionRuleDto"];
            microbialRetest: components["schemas"]["PermissionRuleDto"];
            /** @description from the objection to the decision on it */
            objectionDecision: components["schemas"]["PeriodRuleDto"];
            /** @description from receipt of the result to an objection */
            objectionWindow: components["schemas"]["PeriodRuleDto"];
            /** @example 默认值（依据所列法律法规） */
            reason: string;
            /** @description from the retest lab’s receipt to its conclusion */
            retestTesting: components["schemas"]["PeriodRuleDto"];
            /** @description from the sampling date to the lab */
            sampleDelivery: components["schemas"]["PeriodRuleDto"];
            /** @enum {string} */
            sector: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            /** @example 食品 */
            sectorName: string;
            /** Format: date-time */
            setAt: string;
            /** @example seed */
            setBy: string;
            /** @description from receipt at the lab to the report */
            testing: components["schemas"]["PeriodRuleDto"];
            /** @example 1 */
            version: number;
        };
        SectorRulesHistoryDto: {
            backupAfterFail: components["schemas"]["RetentionRuleDto"];
            backupAfterPass: components["schemas"]["RetentionRuleDto"];
            expiredBackupRetest: components["schemas"]["PermissionRuleDto"];
            microbialRetest: components["schemas"]["PermissionRuleDto"];
            /** @description from the objection to the decision on it */
            objectionDecision: components["schemas"]["PeriodRuleDto"];
            /** @description from receipt of the result to an objection */
            objectionWindow: components["schemas"]["PeriodRuleDto"];
            /** @example 默认值（依据所列法律法规） */
            reason: string;
            /** @description from the retest lab’s receipt to its conclusion */
            retestTesting: components["schemas"]["PeriodRuleDto"];
            /** @description from the sampling date to the lab */
            sampleDelivery: components["schemas"]["PeriodRuleDto"];
            /** @enum {string} */
            sector: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            /** @example 食品 */
            sectorName: string;
            /** Format: date-time */
            setAt: string;
            /** @example seed */
            setBy: string;
            /** @description from receipt at the lab to the report */
            testing: components["schemas"]["PeriodRuleDto"];
            /** @example 1 */
            version: number;
            /** @description every version, newest first */
            versions: components["schemas"]["SectorRulesDto"][];
        };
        SectorRulesListDto: {
            items: components["schemas"]["SectorRulesDto"][];
        };
        SetCalendarDayDto: {
            /**
             * @description Holiday or make-up day name; omitted or null for an ordinary day
             * @example 春节
             */
            name?: Record<string, never> | null;
            /** @description true: a working day (also a make-up Saturday); false: a day off */
            workday: boolean;
        };
        SignedInDto: {
            /**
             * Format: date-time
             * @description refresh before then
             */
            accessExpiresAt: string;
            displayName: string | null;
            /** @description GB/T 2260 code (regulators) */
            jurisdiction: string | null;
            /** @description lab id or enterprise USCC */
            org: string | null;
            /** @enum {string} */
            role: "regulator" | "lab" | "enterprise" | "admin";
            /**
             * Format: uuid
             * @description the sign-in session (cookie sign-ins); null for a bearer token
             */
            session: string | null;
            /**
             * Format: date-time
             * @description the session ends then unless refreshed
             */
            sessionExpiresAt: string;
            /** @description inspector staff number */
            staffNo: string | null;
            /** @description the token subject: an account's user name */
            sub: string;
        };
        SignInDto: {
            /** @example spotcheck-demo-2025 */
            password: string;
            /**
             * @description user name, in any case
             * @example reg-xincheng
             */
            userName: string;
        };
        SourceDto: {
            source: string;
            /** @example location */
            type: Record<string, never>;
        };
        StoredFileDto: {
            /** Format: date-time */
            createdAt: string;
            mediaType: string;
            /** @enum {string} */
            name: "list.json" | "failed.csv" | "passed.csv" | "list.xlsx";
            /** @description SHA-256 of the bytes; for list.json, the list’s digest */
            sha256: string;
            size: number;
        };
        StratumDto: {
            /** @description Tasks given after the plan cap */
            allotted: number;
            /**
             * @description Risk class, or prefecture/class
             * @example 150100/B
             */
            name: string;
            quota: number;
            /** @description Ratio in basis points */
            ratioBp: number;
            size: number;
        };
        TargetDto: {
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: uuid */
            id: string;
            /** @example 150000 */
            jurisdiction: string;
            /** @enum {string} */
            metric: "pass_rate" | "disposal_rate";
            note: string | null;
            /** @enum {string} */
            sector: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            /** @example 质量发展纲要 2025 年目标 */
            source: string;
            /**
             * @description Percent, as a decimal string
             * @example 96.5
             */
            target: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** @example 2025 */
            year: number;
        };
        TargetListDto: {
            items: components["schemas"]["TargetDto"][];
        };
        TaskDetailDto: {
            category: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            drawId: string;
            /** Format: date */
            dueDate: string | null;
            enterpriseAddress: string;
            enterpriseName: string;
            /** Format: uuid */
            id: string;
            /** @description Two staff numbers (slot 1, slot 2), or null when the draw found no valid pair */
            inspectors: string[] | null;
            /** Format: uuid */
            labId: string | null;
            note: string | null;
            /** @description Still assigned after its due date (Beijing time) */
            overdue: boolean;
            /** @example NM-2026-001 */
            planCode: string;
            /** Format: uuid */
            planId: string;
            /** @description Changes to the pair, oldest first */
            reassignments: components["schemas"]["ReassignmentDto"][];
            /** @example 150102 */
            regionCode: string;
            /**
             * Format: uuid
             * @description re-inspection (复查) task: the task whose final failure it re-inspects
             */
            reinspectionOf: string | null;
            /** @description The sampling record's number */
            sampleNo: string | null;
            /** @enum {string} */
            state: "assigned" | "sampled" | "unable_to_sample" | "cancelled";
            /** Format: date-time */
            stateChangedAt: string | null;
            stateChangedBy: string | null;
            taskNo: number;
            /** @enum {string|null} */
            unableReason: "closed" | "no_product" | "refused" | null;
            unassigned: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            updatedAt: string;
            uscc: string;
            /** @description The enterprise refused sampling */
            violation: boolean;
        };
        TaskPageDto: {
            items: components["schemas"]["TaskViewDto"][];
            nextCursor: string | null;
        };
        TaskViewDto: {
            category: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            drawId: string;
            /** Format: date */
            dueDate: string | null;
            enterpriseAddress: string;
            enterpriseName: string;
            /** Format: uuid */
            id: string;
            /** @description Two staff numbers (slot 1, slot 2), or null when the draw found no valid pair */
            inspectors: string[] | null;
            /** Format: uuid */
            labId: string | null;
            note: string | null;
            /** @description Still assigned after its due date (Beijing time) */
            overdue: boolean;
            /** @example NM-2026-001 */
            planCode: string;
            /** Format: uuid */
            planId: string;
            /** @example 150102 */
            regionCode: string;
            /**
             * Format: uuid
             * @description re-inspection (复查) task: the task whose final failure it re-inspects
             */
            reinspectionOf: string | null;
            /** @description The sampling record's number */
            sampleNo: string | null;
            /** @enum {string} */
            state: "assigned" | "sampled" | "unable_to_sample" | "cancelled";
            /** Format: date-time */
            stateChangedAt: string | null;
            stateChangedBy: string | null;
            taskNo: number;
            /** @enum {string|null} */
            unableReason: "closed" | "no_product" | "refused" | null;
            unassigned: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            updatedAt: string;
            uscc: string;
            /** @description The enterprise refused sampling */
            violation: boolean;
        };
        TestItemDto: {
            /** @example PROTEIN */
            code: string;
            /**
             * @description Limit rule: JSON ({"kind":"range","min":"2.9","minInclusive":true,...}) or compact text ("≥2.9", "不得检出(0.01)", "{合格|符合}")
             * @example ≥2.9
             */
            limit: Record<string, never>;
            /** @example GB 5009.5 */
            method?: string;
            /** @description a microbial item (微生物指标): where the sector rules say so, a failure of it is not retested; items of the GB 4789 series count as microbial anyway */
            microbial?: boolean;
            /** @example 蛋白质 */
            name: string;
            /** @example g/100g */
            unit?: string;
        };
        TestItemTemplateDto: {
            /** @example PROTEIN */
            code: string;
            /** @description The limit rule in its JSON form: {"kind":"range",…}, {"kind":"not_detected",…} or {"kind":"text",…} */
            limit: {
                [key: string]: unknown;
            };
            /** @example GB 5009.5 */
            method: string;
            /** @description a microbial item (微生物指标) */
            microbial?: boolean;
            /** @example 蛋白质 */
            name: string;
            /** @example g/100g */
            unit: string;
        };
        TraceAttachmentDto: {
            mediaType?: string;
            name?: string;
            sha256: string;
        };
        TraceDrawDto: {
            algorithmVersion: string;
            /** @description sha256 of the seed, recorded before the draw */
            commitment: string;
            /** Format: date-time */
            drawnAt: string;
            eligibleDigest: string;
            /** Format: uuid */
            id: string;
            /** @description Where anyone can check the draw */
            verificationUrl: string;
        };
        TraceEnterpriseDto: {
            address: string;
            categories: string[];
            name: string;
            regionCode: string;
            /** Format: date-time */
            registeredAt: string;
            /** @enum {string} */
            riskClass: "A" | "B" | "C" | "D";
            size: string;
            status: string;
            uscc: string;
        };
        TraceInspectorDto: {
            name: string;
            staffNo: string;
            unit: string;
        };
        TraceLabDto: {
            cmaNo: string;
            /** Format: uuid */
            id: string;
            name: string;
        };
        TraceOutcomeDto: {
            /** @description What decided it, e.g. no_objection, objection_rejected, retest */
            basis: string;
            /** Format: date */
            finalOn: string | null;
            /** @enum {string} */
            outcome: "pending" | "pass" | "fail" | "excluded";
        };
        TracePlanDto: {
            code: string;
            /** Format: uuid */
            id: string;
            /** @example 150100 */
            jurisdiction: string;
            /** @enum {string} */
            level: "national" | "provincial" | "prefecture";
            state: string;
            title: string;
            year: number;
        };
        TraceReassignmentDto: {
            actor: string;
            /** Format: date-time */
            at: string;
            from: string | null;
            reason: string;
            slot: number;
            to: string;
        };
        TraceReportDto: {
            /** @description flagged: items judged by the enterprise’s stricter declared standard, not the template’s limit */
            enterpriseStandardItems: components["schemas"]["EnterpriseStandardItemDto"][];
            /** @description Item codes of the failed items */
            failedItems: string[];
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            issuedAt: string;
            /** Format: uuid */
            labId: string;
            reportNo: string;
            /** @description The retest lab’s report after an accepted objection (final) */
            retest: boolean;
            /** @enum {string} */
            verdict: "pass" | "fail" | "not_applicable";
            /** @description Above 1: an amendment of the previous version */
            version: number;
        };
        TraceResultDto: {
            failedItems: string[];
            reportNo: string;
            retest: boolean;
            /** @enum {string} */
            verdict: "pass" | "fail" | "not_applicable";
            version: number;
        };
        TraceSamplingRecordDto: {
            /** Format: date-time */
            arrivedAt: string | null;
            attachments: components["schemas"]["TraceAttachmentDto"][];
            backupQuantity: string;
            backupUnit: string;
            batchNo: string | null;
            brand: string | null;
            category: string;
            /** @enum {string} */
            custodyState: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
            /** Format: date */
            expiryDate: string | null;
            gtin: string | null;
            /** Format: uuid */
            id: string;
            inspectors: string[];
            /** Format: date */
            keepUntil: string | null;
            /** Format: date */
            labDueDate: string;
            /** Format: uuid */
            labId: string;
            manufacturerAddress: string | null;
            manufacturerName: string;
            manufacturerUscc: string | null;
            note: string | null;
            onlinePlatform: string | null;
            onlineShop: string | null;
            placeAddress: string;
            placeRegionCode: string;
            pricePaid: string;
            /** Format: date */
            productionDate: string | null;
            productName: string;
            representativeName: string;
            representativeTitle: string | null;
            /** Format: uuid */
            retestLabId: string | null;
            /** Format: date-time */
            sampledAt: string;
            sampledUscc: string;
            sampleNo: string;
            /** Format: date */
            samplingDate: string;
            sealNumbers: string[];
            seq: number;
            spec: string | null;
            /** @enum {string} */
            stage: "production" | "distribution" | "online";
            testQuantity: string;
            testUnit: string;
        };
        TraceTaskDto: {
            category: string;
            /** Format: date */
            dueDate: string | null;
            /** Format: uuid */
            id: string;
            inspectors: string[] | null;
            /** Format: uuid */
            labId: string | null;
            reassignments: components["schemas"]["TraceReassignmentDto"][];
            state: string;
            /** Format: date-time */
            stateChangedAt: string;
            taskNo: number;
            unableReason: string | null;
            /** @description A refusal that broke the law (拒检) */
            violation: boolean;
        };
        TraceUnableTaskDto: {
            /** Format: date-time */
            at: string;
            category: string;
            note: string | null;
            planCode: string;
            state: string;
            taskNo: number;
            unableReason: string | null;
            /** @description A refusal that broke the law (拒检) */
            violation: boolean;
        };
        UnableTaskDto: {
            /** @example 门店已停业，现场张贴停业通知 */
            note?: string;
            /**
             * @description closed: business closed; no_product: nothing on sale; refused: the enterprise refused sampling (recorded as a violation)
             * @enum {string}
             */
            reason: "closed" | "no_product" | "refused";
        };
        UnreadCountDto: {
            /** @example 3 */
            unread: number;
        };
        UpdateCategoryDto: {
            /** @default true */
            active: boolean;
            items?: components["schemas"]["TestItemDto"][];
            /** @example 巴氏杀菌乳 */
            name?: string;
            /** @enum {string} */
            sector?: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
        };
        UpdateEnterpriseDto: {
            address?: string;
            /**
             * @example [
             *       "DAIRY-PAST"
             *     ]
             */
            categories?: string[];
            /** @example 呼和浩特市某乳业有限公司 */
            name?: string;
            /**
             * @description GB/T 2260 region code
             * @example 150102
             */
            regionCode?: string;
            /**
             * @description Credit-risk class, A lowest risk
             * @enum {string}
             */
            riskClass?: "A" | "B" | "C" | "D";
            /** @enum {string} */
            size?: "large" | "medium" | "small" | "micro";
            /**
             * @default active
             * @enum {string}
             */
            status: "active" | "suspended" | "revoked" | "closed";
        };
        UpdateInspectorDto: {
            /** @default true */
            active: boolean;
            /** @description Categories the inspector is qualified for */
            categories?: string[];
            /** @description USCCs of enterprises with a declared conflict of interest */
            conflicts?: string[];
            name?: string;
            /** @example 150100 */
            regionCode?: string;
            /**
             * @description Law-enforcement certificate / staff number
             * @example NM-150100-0001
             */
            staffNo?: string;
            /** @example 呼和浩特市市场监督管理局 */
            unit?: string;
        };
        UpdateLabDto: {
            /** @default true */
            active: boolean;
            /** @description Samples per year the lab can test */
            capacity?: number;
            /** @description Accredited product categories */
            categories?: string[];
            /** @description CMA (资质认定) certificate number */
            cmaNo?: string;
            name?: string;
            /** @example 150100 */
            regionCode?: string;
            /** @description USCC of the lab */
            uscc?: string;
        };
        UpdatePlanDto: {
            /**
             * @description Catalog codes
             * @example [
             *       "DAIRY-PAST"
             *     ]
             */
            categories?: string[];
            /**
             * @description Unique plan number, 1–64 characters
             * @example NM-2026-001
             */
            code?: string;
            /**
             * @description GB/T 2260 code inside your jurisdiction
             * @example 150100
             */
            jurisdiction?: string;
            /**
             * @description national: jurisdiction 000000 (admins and national regulators); provincial: a province code (…0000); prefecture: a prefecture code (…00)
             * @enum {string}
             */
            level?: "national" | "provincial" | "prefecture";
            maxTasks?: Record<string, never> | null;
            /** @description Workload cap: the most tasks the draw gives one inspector (null: no cap) */
            maxTasksPerInspector?: Record<string, never> | null;
            /**
             * @description Ratio per credit-risk class as a decimal fraction or percentage string; classes left out keep the defaults (A 3 %, B 10 %, C 30 %, D 100 %). Stored as basis points.
             * @example {
             *       "A": "0.03",
             *       "B": "10%"
             *     }
             */
            ratios?: Record<string, never>;
            /** @example 2026-09-30 */
            reportDeadline?: Record<string, never> | null;
            /** @example 2026-06-30 */
            samplingDeadline?: Record<string, never> | null;
            /**
             * @example [
             *       "production",
             *       "distribution"
             *     ]
             */
            stages?: ("production" | "distribution" | "online")[];
            /** @default false */
            stratifyByPrefecture: boolean;
            /** @example 2026年内蒙古自治区乳制品质量监督抽查 */
            title?: string;
            /** @example 2026 */
            year?: number;
        };
        UpdateTargetDto: {
            /** @description null removes the note */
            note?: string | null;
            /** @example 呼和浩特市质量发展规划 2026 年目标（修订） */
            source?: string;
            /**
             * @description Percent from 0 to 100, at most two decimals; a JSON number or a decimal string ("96.5")
             * @example 97
             */
            target?: number | string;
        };
        VerdictDto: {
            /** @description With MISMATCH: where the recomputed draw differs first */
            firstDifference?: string;
            /** @enum {string} */
            verdict: "MATCH" | "MISMATCH";
        };
        VerificationCheckDto: {
            detail: string;
            /** @enum {string} */
            name: "digest" | "previous" | "file" | "next";
            ok: boolean;
        };
        VerificationDto: {
            checks: components["schemas"]["VerificationCheckDto"][];
            digest: string;
            noticeNo: string;
            previousDigest: string | null;
            /** Format: uuid */
            publicationId: string;
            recomputedDigest: string;
            /** @enum {string} */
            verdict: "MATCH" | "MISMATCH";
        };
        WithdrawalConfirmationDto: {
            /** @example 已下架全部库存 12 箱，退回生产企业 */
            note?: string;
        };
        WithdrawalDto: {
            /** @description Why the published list is withdrawn (撤回) */
            reason: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AccountController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                disabled?: boolean;
                limit?: unknown;
                /** @description part of the user name or display name */
                q?: string;
                role?: "regulator" | "lab" | "enterprise" | "admin";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountPageDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAccountDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountWithPasswordDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description ACCOUNT_EXISTS */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountController_disable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountController_enable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountController_resetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountWithPasswordDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountController_import: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description .csv or .xlsx
                     */
                    file: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountImportResultDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportRejectedDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SessionController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedInDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SessionController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SessionController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SessionController_password: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedInDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SessionController_refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedInDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CalendarController_list: {
        parameters: {
            query: {
                /** @description First day, YYYY-MM-DD */
                from: string;
                /** @description Last day (included), at most 731 days on */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarRangeDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CalendarController_setDay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                date: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetCalendarDayDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarDayDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CalendarController_deadline: {
        parameters: {
            query: {
                /** @description Deadline = `from` + n calendar days, moved to the next working day if that is a day off (Civil Code Art. 203) */
                calendarDays?: number;
                /** @description The day the period starts from (not counted) */
                from: string;
                /** @description Deadline = the n-th working day after `from` ("within n working days") */
                workingDays?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadlineDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CaseController_list: {
        parameters: {
            query?: {
                /** @description ordered and past its deadline unanswered */
                overdue?: boolean;
                state?: "opened" | "ordered" | "reported" | "reinspecting" | "reinspected" | "escalated" | "closed" | "withdrawn";
                /** @description the enterprise whose cases */
                uscc?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseListDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CaseController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDetailDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CaseController_attachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                sha256: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with their media type, ETag and Repr-Digest */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CaseController_close: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloseCaseDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDetailDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CaseController_order: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderCaseDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDetailDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CaseController_decideRecall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecallDecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDetailDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CaseController_report: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RectificationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDetailDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CaseController_reinspect: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReinspectionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDetailDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CaseController_held: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeldCaseDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CaseController_confirmWithdrawal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WithdrawalConfirmationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeldCaseDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CatalogController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                limit?: unknown;
                sector?: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryPageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CatalogController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCategoryDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CatalogController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CatalogController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CatalogController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCategoryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CatalogController_export: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                format?: "csv" | "xlsx";
                /** @description Header language */
                lang?: "zh" | "en";
                limit?: unknown;
                sector?: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "text/csv; charset=utf-8": string;
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CatalogController_import: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description .csv or .xlsx
                     */
                    file: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResultDto"];
                };
            };
            /** @description IMPORT_REJECTED naming each bad row, or UNSUPPORTED_FILE / FILE_REQUIRED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportRejectedDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    DrawController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DrawSummaryDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    DrawController_exclusions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExclusionListDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    DrawController_record: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The complete draw record (docs/draw-algorithm.md §10) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    DrawController_verification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DrawVerificationDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EnterpriseController_list: {
        parameters: {
            query?: {
                /** @description Category code */
                category?: string;
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                limit?: unknown;
                /** @description Substring of the name */
                q?: string;
                /** @description Region code; the whole subtree matches */
                region?: string;
                /** @description Comma-separated risk classes */
                riskClass?: string[];
                size?: "large" | "medium" | "small" | "micro";
                status?: "active" | "suspended" | "revoked" | "closed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnterprisePageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EnterpriseController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEnterpriseDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnterpriseDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EnterpriseController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uscc: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnterpriseDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EnterpriseController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uscc: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EnterpriseController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uscc: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateEnterpriseDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnterpriseDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EnterpriseController_export: {
        parameters: {
            query?: {
                /** @description Category code */
                category?: string;
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                format?: "csv" | "xlsx";
                /** @description Header language */
                lang?: "zh" | "en";
                limit?: unknown;
                /** @description Substring of the name */
                q?: string;
                /** @description Region code; the whole subtree matches */
                region?: string;
                /** @description Comma-separated risk classes */
                riskClass?: string[];
                size?: "large" | "medium" | "small" | "micro";
                status?: "active" | "suspended" | "revoked" | "closed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "text/csv; charset=utf-8": string;
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EnterpriseController_import: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description .csv or .xlsx
                     */
                    file: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResultDto"];
                };
            };
            /** @description IMPORT_REJECTED naming each bad row, or UNSUPPORTED_FILE / FILE_REQUIRED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportRejectedDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EnterpriseController_stats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryStatDto"][];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EpcisController_capture: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description An EPCIS 2.0 EPCISDocument (JSON / JSON-LD) */
        requestBody: {
            content: {
                "application/json": Record<string, never>;
                "application/ld+json": Record<string, never>;
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaptureReceiptDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not of a media type the route takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EpcisController_list: {
        parameters: {
            query?: {
                /** @description With gtin: events naming this batch/lot of it (LGTIN or Digital Link /10/) */
                batch?: string;
                /** @description CBV business step, as captured */
                bizStep?: string;
                /** @description Events stored by this capture */
                captureId?: string;
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                /** @description Events naming this EPC (exactly as captured) */
                epc?: string;
                /** @description Events naming this EPC class (exactly as captured) */
                epcClass?: string;
                /** @description The event identity (its eventID, or its content hash) */
                eventId?: string;
                /** @description eventTime ≥ from */
                from?: string;
                /** @description Events naming this GTIN (8, 12, 13 or 14 digits; compared as GTIN-14) */
                gtin?: string;
                limit?: unknown;
                /** @description The capturing enterprise (USCC) */
                owner?: string;
                /** @description Export this sample’s custody as an EPCISDocument (other filters are ignored) */
                sampleNo?: string;
                /** @description eventTime < to */
                to?: string;
                type?: "ObjectEvent" | "AggregationEvent" | "TransactionEvent" | "TransformationEvent" | "AssociationEvent";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of captured events; with sampleNo, the sample’s custody as an EPCIS 2.0 EPCISDocument */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EpcisEventPageDto"] | Record<string, never>;
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EpcisController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EpcisEventDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    GtinPrefixController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                limit?: unknown;
                /** @description The enterprise (USCC) */
                uscc?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GtinPrefixPageDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    GtinPrefixController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGtinPrefixDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GtinPrefixDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    GtinPrefixController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    InspectorController_list: {
        parameters: {
            query?: {
                active?: boolean;
                category?: string;
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                limit?: unknown;
                /** @description Substring of the name or staff number */
                q?: string;
                region?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectorPageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    InspectorController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInspectorDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectorDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    InspectorController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectorDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    InspectorController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    InspectorController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateInspectorDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectorDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    InspectorController_export: {
        parameters: {
            query?: {
                active?: boolean;
                category?: string;
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                format?: "csv" | "xlsx";
                /** @description Header language */
                lang?: "zh" | "en";
                limit?: unknown;
                /** @description Substring of the name or staff number */
                q?: string;
                region?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "text/csv; charset=utf-8": string;
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    InspectorController_import: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description .csv or .xlsx
                     */
                    file: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResultDto"];
                };
            };
            /** @description IMPORT_REJECTED naming each bad row, or UNSUPPORTED_FILE / FILE_REQUIRED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportRejectedDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    LabController_list: {
        parameters: {
            query?: {
                active?: boolean;
                category?: string;
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                limit?: unknown;
                region?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabPageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    LabController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateLabDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    LabController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    LabController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    LabController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateLabDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    LabController_export: {
        parameters: {
            query?: {
                active?: boolean;
                category?: string;
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                format?: "csv" | "xlsx";
                /** @description Header language */
                lang?: "zh" | "en";
                limit?: unknown;
                region?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "text/csv; charset=utf-8": string;
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    LabController_import: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description .csv or .xlsx
                     */
                    file: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResultDto"];
                };
            };
            /** @description IMPORT_REJECTED naming each bad row, or UNSUPPORTED_FILE / FILE_REQUIRED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportRejectedDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    NoticeController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeListDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    NoticeController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    NoticeObjectionController_file: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FileObjectionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ObjectionDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    NoticeController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    NotificationController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                kind?: "delivery_overdue" | "testing_overdue" | "objection_closed" | "job_failed" | "recall_holder";
                limit?: unknown;
                /** @description true: only those you have not read; false: only those you have */
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPageDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    NotificationController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    NotificationController_readAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarkedDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    NotificationController_unreadCount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnreadCountDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ObjectionController_list: {
        parameters: {
            query?: {
                /** @description Only the objections on this notice */
                noticeId?: string;
                /** @description still undecided after the decision due date */
                overdue?: boolean;
                state?: "filed" | "rejected" | "accepted" | "retest_drawn" | "concluded";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ObjectionListDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ObjectionController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ObjectionDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ObjectionController_decide: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecideObjectionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ObjectionDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ObjectionController_record: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetestDrawRecordDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ObjectionController_draw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RetestDrawDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ObjectionDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ObjectionController_verification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetestDrawVerificationDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ObjectionController_refuse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RetestRefusalDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ObjectionDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                level?: "national" | "provincial" | "prefecture";
                limit?: unknown;
                state?: "draft" | "committed" | "drawn" | "sampling" | "closed" | "cancelled";
                year?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanPageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePlanDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePlanDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description ILLEGAL_PLAN_STATE naming the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelPlanDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description ILLEGAL_PLAN_STATE naming the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanController_close: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description ILLEGAL_PLAN_STATE naming the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanController_commit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommitPlanDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description ILLEGAL_PLAN_STATE naming the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanDrawController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DrawSummaryDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanDrawController_draw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DrawPlanDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DrawSummaryDto"];
                };
            };
            /** @description The seed does not hash to the commitment */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description ILLEGAL_PLAN_STATE naming the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description DRAW_INPUT_INVALID */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanDrawController_exclusions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExclusionListDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanDrawController_verification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DrawVerificationDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanController_startSampling: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description ILLEGAL_PLAN_STATE naming the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PlanDrawController_tasks: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                limit?: unknown;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanTaskPageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_list: {
        parameters: {
            query?: {
                jurisdiction?: string;
                state?: "draft" | "approved" | "published" | "discarded";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationListDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_compile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompileDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_correct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CorrectionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_discard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DiscardDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_entries: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                limit?: unknown;
                /** @description The failed-product table (不合格产品信息) or the pass table (合格产品信息) */
                table?: "failed" | "passed";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryPageDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_files: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileListDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_file: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with ETag and Repr-Digest of its bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json; charset=utf-8": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json; charset=utf-8": components["schemas"]["ErrorDto"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ErrorDto"];
                    "text/csv; charset=utf-8": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json; charset=utf-8": components["schemas"]["ErrorDto"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ErrorDto"];
                    "text/csv; charset=utf-8": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json; charset=utf-8": components["schemas"]["ErrorDto"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ErrorDto"];
                    "text/csv; charset=utf-8": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_verification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PublicationController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WithdrawalDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    RatesController_get: {
        parameters: {
            query?: {
                /** @description Dimensions to group by, comma-separated, any combination of: plan, category, sector, prefecture, county, size, stage, month, quarter, year. None: totals only. */
                by?: string;
                /** @description Only this category */
                category?: string;
                /** @description Only samples taken in this county */
                county?: string;
                /** @description The plans' jurisdiction (its subtree); a regulator's own by default, 404 outside it. Admins: every jurisdiction by default. */
                jurisdiction?: string;
                /** @description A year (2026), a quarter (2026-Q3) or a month (2026-07), by the month of sampling; default: this year (China time) */
                period?: string;
                /** @description Only this plan */
                plan?: string;
                /** @description Only samples taken in this prefecture */
                prefecture?: string;
                sector?: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
                size?: "large" | "medium" | "small" | "micro";
                stage?: "production" | "distribution" | "online";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatesDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    RatesController_export: {
        parameters: {
            query?: {
                /** @description Dimensions to group by, comma-separated, any combination of: plan, category, sector, prefecture, county, size, stage, month, quarter, year. None: totals only. */
                by?: string;
                /** @description Only this category */
                category?: string;
                /** @description Only samples taken in this county */
                county?: string;
                format?: "csv" | "xlsx";
                /** @description The plans' jurisdiction (its subtree); a regulator's own by default, 404 outside it. Admins: every jurisdiction by default. */
                jurisdiction?: string;
                /** @description A year (2026), a quarter (2026-Q3) or a month (2026-07), by the month of sampling; default: this year (China time) */
                period?: string;
                /** @description Only this plan */
                plan?: string;
                /** @description Only samples taken in this prefecture */
                prefecture?: string;
                sector?: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
                size?: "large" | "medium" | "small" | "micro";
                stage?: "production" | "distribution" | "online";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ErrorDto"];
                    "text/csv; charset=utf-8": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ErrorDto"];
                    "text/csv; charset=utf-8": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ErrorDto"];
                    "text/csv; charset=utf-8": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    RatesController_recompute: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecomputeDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SampleController_list: {
        parameters: {
            query?: {
                /** @description Batch number, exactly */
                batch?: string;
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                /** @description GTIN-8/12/13/14; matches every way of writing the item */
                gtin?: string;
                /** @description The lab the sample is sent to */
                labId?: string;
                limit?: unknown;
                /** @description The nominal manufacturer (USCC) */
                manufacturerUscc?: string;
                /** @description true: not at its lab by its due date (Beijing time); false: the others */
                overdue?: boolean;
                planId?: string;
                stage?: "production" | "distribution" | "online";
                /** @description Custody state */
                state?: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
                /** @description The sampled enterprise (USCC) */
                uscc?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SamplePageDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SampleController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sampleNo: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SampleDetailDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SampleController_custody: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sampleNo: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustodyEventDto"][];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SampleController_append: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sampleNo: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppendCustodyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppendedCustodyEventDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SectorRuleController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SectorRulesListDto"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SectorRuleController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sector: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SectorRulesHistoryDto"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    SectorRuleController_edit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sector: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EditSectorRulesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SectorRulesDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TargetController_list: {
        parameters: {
            query?: {
                jurisdiction?: string;
                metric?: "pass_rate" | "disposal_rate";
                sector?: "manufacturing" | "consumer_goods" | "agricultural" | "food" | "drug";
                year?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetListDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TargetController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTargetDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TargetController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TargetController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TargetController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTargetDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TaskController_list: {
        parameters: {
            query?: {
                /** @description Category code */
                category?: string;
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                /** @description Due strictly before this date */
                dueBefore?: string;
                /** @description Staff number: tasks where this inspector is one of the pair */
                inspector?: string;
                labId?: string;
                limit?: unknown;
                /** @description true: still assigned after its due date (Beijing time); false: the others */
                overdue?: boolean;
                planId?: string;
                /** @description Region code of the enterprise; the whole subtree matches (150100: all of Hohhot) */
                region?: string;
                state?: "assigned" | "sampled" | "unable_to_sample" | "cancelled";
                /** @description The enterprise (USCC) */
                uscc?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TaskController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TaskController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelTaskDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description ILLEGAL_TASK_STATE or ILLEGAL_PLAN_STATE naming the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TaskController_reassign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReassignTaskDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description ILLEGAL_TASK_STATE or ILLEGAL_PLAN_STATE naming the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TaskSampleController_record: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSampleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SampleDetailDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The record’s state does not allow it; the body names the state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TaskController_unable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnableTaskDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, outside your jurisdiction, or not an id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description ILLEGAL_TASK_STATE or ILLEGAL_PLAN_STATE naming the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TaskController_mine: {
        parameters: {
            query?: {
                /** @description Category code */
                category?: string;
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                /** @description Due strictly before this date */
                dueBefore?: string;
                /** @description Staff number: tasks where this inspector is one of the pair */
                inspector?: string;
                labId?: string;
                limit?: unknown;
                /** @description true: still assigned after its due date (Beijing time); false: the others */
                overdue?: boolean;
                planId?: string;
                /** @description Region code of the enterprise; the whole subtree matches (150100: all of Hohhot) */
                region?: string;
                state?: "assigned" | "sampled" | "unable_to_sample" | "cancelled";
                /** @description The enterprise (USCC) */
                uscc?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TraceController_byEnterprise: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                limit?: unknown;
            };
            header?: never;
            path: {
                uscc: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnterpriseTraceDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TraceController_byProduct: {
        parameters: {
            query?: {
                /** @description batch or lot, exactly as printed */
                batch?: string;
                /** @description GTIN-8/12/13/14 */
                gtin?: string;
                /** @description the nominal manufacturer: its USCC, or part of its name */
                manufacturer?: string;
                /** @description part of the product name */
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductTraceDto"];
                };
            };
            /** @description The request breaks a rule; `errors` names the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TraceController_bySample: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sampleNo: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SampleTraceDto"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Absent, or outside what the caller may see (the same answer) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveDto"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description PostgreSQL and Redis both answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadyDto"];
                };
            };
            /** @description One of them does not */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadyDto"];
                };
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description METRICS_TOKEN is set and the request does not carry it as a bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Production without METRICS_TOKEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
}
