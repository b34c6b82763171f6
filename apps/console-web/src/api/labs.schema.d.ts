/**
 * Generated from lab-results's OpenAPI document by `npm run api-types`: do not edit.
 */

export interface paths {
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
    "/api/v1/lab": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["OwnLabController_own"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportController_chain"];
        put?: never;
        post: operations["ReportController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/reports/{id}/amend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ReportController_amend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/reports/{id}/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ReportController_issue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/reports/{id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["ReportController_putItems"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/reports/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ReportController_return"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/reports/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ReportController_review"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/reports/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ReportController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/reports/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ReportController_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/reports/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ReportController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/samples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReceiptController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/samples/{sampleNo}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReceiptController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/samples/{sampleNo}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ReceiptController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/samples/{sampleNo}/rejection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ReceiptController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lab/staff/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["StaffController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/labs/{labId}/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["StaffController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/labs/{labId}/staff/{sub}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["StaffController_put"];
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
        AppendedCustodyEventDto: {
            actor: string;
            actorOrg: string | null;
            actorRole: string;
            actorStaffNo: string | null;
            address: string;
            allowedCustodyKinds: ("sampled" | "sealed" | "shipped" | "received" | "rejected_at_receipt" | "testing" | "backup_retained" | "retest_dispatched" | "disposed" | "returned")[];
            detail: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            kind: "sampled" | "sealed" | "shipped" | "received" | "rejected_at_receipt" | "testing" | "backup_retained" | "retest_dispatched" | "disposed" | "returned";
            note: string | null;
            /** Format: date-time */
            occurredAt: string;
            /** Format: date-time */
            recordedAt: string;
            /** @example 150102 */
            regionCode: string;
            sampleNo: string;
            seq: number;
            /** @enum {string} */
            stateAfter: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
        };
        ArrivalDto: {
            event: components["schemas"]["AppendedCustodyEventDto"];
            sample: components["schemas"]["LabSampleDetailDto"];
        };
        BatchAnswerDto: {
            /** @description items whose result fails their limit, in the drafts written */
            failedItems: number;
            items: number;
            reports: components["schemas"]["BatchReportDto"][];
        };
        BatchReportDto: {
            /** Format: uuid */
            id: string;
            items: number;
            reportNo: string;
            sampleNo: string;
        };
        CategoryRefDto: {
            /** @example DAIRY-01 */
            code: string;
            /** @example 液体乳 */
            name: string;
            /** @example food */
            sector: string;
        };
        ChangePasswordDto: {
            /** @description the password now: the first one an administrator gave, or one's own */
            currentPassword: string;
            /** @description at least 10 characters with letters and digits, not containing the user name, not the current one */
            newPassword: string;
            /** @example reg-xincheng */
            userName: string;
        };
        CreateReportDto: {
            /** @description default: every item of the category template, without results */
            items?: components["schemas"]["ReportItemDto"][];
            /**
             * @description unique in the lab
             * @example JC2026-0001
             */
            reportNo: string;
            /** @example NM-2026-001-0001 */
            sampleNo: string;
        };
        CustodyEventDto: {
            actor: string;
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
            /** Format: date-time */
            occurredAt: string;
            /** Format: date-time */
            recordedAt: string;
            /** @example 150102 */
            regionCode: string;
            seq: number;
            /** @enum {string} */
            stateAfter: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
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
        FailedItemDto: {
            /** @example PB */
            itemCode: string;
            /** @example 铅（以Pb计） */
            itemName: string;
            /** @example ≤0.5 */
            limit: string;
            reason: components["schemas"]["LocalizedDto"];
            /** @example mg/kg */
            unit: string | null;
            /** @example 0.52 */
            value: string;
        };
        FieldErrorDto: {
            /** @example items[0].value */
            field: string;
            /** @example must be a decimal string */
            reason: string;
        };
        LabDto: {
            active: boolean;
            /** @description samples the lab can take per year */
            capacity: number;
            /** @description accredited product categories */
            categories: string[];
            /** @description CMA certificate number */
            cmaNo: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @example 内蒙古自治区产品质量检验研究院 */
            name: string;
            /**
             * @description GB/T 2260
             * @example 150102
             */
            regionCode: string;
            /** Format: date-time */
            updatedAt: string;
            /** @example 12150000460000000X */
            uscc: string;
        };
        LabSampleDetailDto: {
            category: components["schemas"]["CategoryRefDto"];
            custody: components["schemas"]["CustodyEventDto"][];
            /** @enum {string} */
            custodyState: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
            /**
             * Format: date
             * @description when it was due at the lab
             */
            labDueDate: string;
            /** Format: uuid */
            labId: string;
            /** Format: uuid */
            objectionId: string | null;
            /** @description received, past its test due date, no version issued */
            overdue: boolean;
            product: components["schemas"]["ProductDto"];
            receipt: components["schemas"]["ReceiptRecordDto"] | null;
            received: boolean;
            /** @description the latest version */
            report: components["schemas"]["ReportRefDto"] | null;
            /** @description the caller is the retest lab drawn for an accepted objection */
            retest: boolean;
            sampledUscc: string;
            /** @example NM-2026-001-0001 */
            sampleNo: string;
            /** Format: date */
            samplingDate: string;
            /**
             * Format: date
             * @description by the sector's testing rule (food: the 20th working day) after receipt, retestTesting at a retest lab; null before receipt or after a rejection
             */
            testDueDate: string | null;
            /** @description the sector rule, its version and source, the test due date was computed with */
            testDueRule: components["schemas"]["RuleRefDto"] | null;
            /** @description working days from today (Beijing) to the deadline running now, by the calendar: testDueDate once received until a version is issued, labDueDate before receipt; negative when past; null when none runs */
            workingDaysLeft: number | null;
        };
        LabSampleDto: {
            category: components["schemas"]["CategoryRefDto"];
            /** @enum {string} */
            custodyState: "sampled" | "sealed" | "in_transit" | "received" | "rejected" | "testing" | "backup_retained" | "retest_in_transit" | "retest_received" | "retest_rejected" | "retesting" | "disposed" | "returned";
            /**
             * Format: date
             * @description when it was due at the lab
             */
            labDueDate: string;
            /** Format: uuid */
            labId: string;
            /** Format: uuid */
            objectionId: string | null;
            /** @description received, past its test due date, no version issued */
            overdue: boolean;
            product: components["schemas"]["ProductDto"];
            receipt: components["schemas"]["ReceiptRecordDto"] | null;
            received: boolean;
            /** @description the latest version */
            report: components["schemas"]["ReportRefDto"] | null;
            /** @description the caller is the retest lab drawn for an accepted objection */
            retest: boolean;
            sampledUscc: string;
            /** @example NM-2026-001-0001 */
            sampleNo: string;
            /** Format: date */
            samplingDate: string;
            /**
             * Format: date
             * @description by the sector's testing rule (food: the 20th working day) after receipt, retestTesting at a retest lab; null before receipt or after a rejection
             */
            testDueDate: string | null;
            /** @description the sector rule, its version and source, the test due date was computed with */
            testDueRule: components["schemas"]["RuleRefDto"] | null;
            /** @description working days from today (Beijing) to the deadline running now, by the calendar: testDueDate once received until a version is issued, labDueDate before receipt; negative when past; null when none runs */
            workingDaysLeft: number | null;
        };
        LabSamplePageDto: {
            items: components["schemas"]["LabSampleDto"][];
            /** @description pass as `cursor` for the next page */
            nextCursor: string | null;
        };
        LimitBasisDto: {
            /** @enum {string} */
            kind: "enterprise_standard";
            /**
             * @description the standard’s number
             * @example Q/NMYL 0001S-2024
             */
            reference: string;
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
        PreviewDto: {
            /** @description every item has a value or a not-tested reason */
            complete: boolean;
            items: components["schemas"]["PreviewItemDto"][];
            problems: components["schemas"]["FieldErrorDto"][];
            verdict: string | null;
        };
        PreviewItemDto: {
            itemCode: string;
            outcome: string | null;
            reason: components["schemas"]["LocalizedDto"] | null;
        };
        ProductDto: {
            batch: string | null;
            brand: string | null;
            /** @example 纯牛奶 */
            name: string;
            spec: string | null;
        };
        PutItemsDto: {
            items: components["schemas"]["ReportItemDto"][];
        };
        PutStaffDto: {
            /** @default true */
            active: boolean;
            /** @example 张检验 */
            name: string;
            /**
             * @description tester (检验员), reviewer (审核员), signatory (授权签字人)
             * @example [
             *       "tester"
             *     ]
             */
            roles: ("tester" | "reviewer" | "signatory")[];
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
        ReasonDto: {
            /** @example 铅含量单位录入错误 */
            reason: string;
        };
        ReceiptDto: {
            /** @description where it was received; default the lab’s name */
            address?: string;
            /** @example 包装完好，冷藏 */
            condition: string;
            note?: string;
            /**
             * @description RFC 3339 with an offset
             * @example 2026-02-24T09:00:00+08:00
             */
            receivedAt: string;
            /**
             * @description must be true: a sample whose seal is broken is rejected (…/rejection)
             * @enum {boolean}
             */
            sealIntact: true;
        };
        ReceiptRecordDto: {
            /** Format: date-time */
            at: string;
            condition: string | null;
            note: string | null;
            /** @enum {string} */
            outcome: "received" | "rejected";
            /** @enum {string|null} */
            reason: "seal_broken" | "damaged" | "wrong_sample" | null;
            /**
             * Format: date
             * @description the day of receipt, China Standard Time
             */
            receivedOn: string;
            recordedBy: string;
            sealIntact: boolean | null;
        };
        RejectionDto: {
            /** @description where it was refused; default the lab’s name */
            address?: string;
            /**
             * @description RFC 3339 with an offset
             * @example 2026-02-24T09:00:00+08:00
             */
            at: string;
            note?: string;
            /** @enum {string} */
            reason: "seal_broken" | "damaged" | "wrong_sample";
        };
        ReportChainDto: {
            counting: components["schemas"]["ReportVersionDto"] | null;
            /** @description the latest issued version */
            countingVersion: number | null;
            sampleNo: string;
            versions: components["schemas"]["ReportVersionDto"][];
        };
        ReportDetailDto: {
            /** @description the events the caller may send now (their roles and the four-eyes rules) */
            allowedEvents: ("submit" | "review" | "issue" | "return")[];
            amendmentReason: string | null;
            /** Format: uuid */
            amendsId: string | null;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            failedItems: components["schemas"]["FailedItemDto"][] | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            issuedAt: string | null;
            issuedBy: string | null;
            items: components["schemas"]["StoredItemDto"][];
            /** Format: uuid */
            labId: string;
            /**
             * Format: uuid
             * @description a retest lab's report: the objection it concludes; its conclusion is final
             */
            objectionId: string | null;
            /** @description the verdict the items give now */
            preview: components["schemas"]["PreviewDto"];
            /** @example JC2026-0001 */
            reportNo: string;
            /** Format: date-time */
            returnedAt: string | null;
            returnedBy: string | null;
            returnedReason: string | null;
            /** Format: date-time */
            reviewedAt: string | null;
            reviewedBy: string | null;
            /** @example NM-2026-001-0001 */
            sampleNo: string;
            /** @enum {string} */
            state: "draft" | "submitted" | "reviewed" | "issued";
            /** Format: date-time */
            submittedAt: string | null;
            submittedBy: string | null;
            /** @description everyone who entered or changed a result */
            testedBy: string[];
            /** Format: date-time */
            updatedAt: string;
            /** @enum {string|null} */
            verdict: "pass" | "fail" | "not_applicable" | null;
            version: number;
        };
        ReportItemDto: {
            /**
             * @default full
             * @enum {string}
             */
            comparison: "full" | "rounded";
            /** @example PB */
            itemCode: string;
            /** @example 铅（以Pb计） */
            itemName?: string;
            /**
             * @description the limit: notation (`≤0.5`, `0.1~0.5`, `不得检出(0.01)`, `{合格|符合}`) or a LimitRule object
             * @example ≤0.5
             */
            limit?: Record<string, never>;
            /** @description a template item keeps its limit; a different `limit` needs this: the enterprise’s declared standard, stricter than the template’s (flagged to regulators) */
            limitBasis?: components["schemas"]["LimitBasisDto"];
            /** @description the limit as the standard writes it; default from limit */
            limitText?: string;
            /** @example GB 5009.12-2023 */
            method?: string;
            /** @description not tested, and why (instead of a value) */
            notTestedReason?: string;
            roundingDigits?: number;
            /** @example mg/kg */
            unit?: string;
            /**
             * @description the measured value as a decimal string (`0.52`), ND/未检出, or a text result
             * @example 0.52
             */
            value?: string;
        };
        ReportRefDto: {
            /** Format: uuid */
            id: string;
            reportNo: string;
            /** @enum {string} */
            state: "draft" | "submitted" | "reviewed" | "issued";
            version: number;
        };
        ReportVersionDto: {
            amendmentReason: string | null;
            /** Format: uuid */
            amendsId: string | null;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            failedItems: components["schemas"]["FailedItemDto"][] | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            issuedAt: string | null;
            issuedBy: string | null;
            /** Format: uuid */
            labId: string;
            /**
             * Format: uuid
             * @description a retest lab's report: the objection it concludes; its conclusion is final
             */
            objectionId: string | null;
            /** @example JC2026-0001 */
            reportNo: string;
            /** Format: date-time */
            returnedAt: string | null;
            returnedBy: string | null;
            returnedReason: string | null;
            /** Format: date-time */
            reviewedAt: string | null;
            reviewedBy: string | null;
            /** @example NM-2026-001-0001 */
            sampleNo: string;
            /** @enum {string} */
            state: "draft" | "submitted" | "reviewed" | "issued";
            /** Format: date-time */
            submittedAt: string | null;
            submittedBy: string | null;
            /** @description everyone who entered or changed a result */
            testedBy: string[];
            /** Format: date-time */
            updatedAt: string;
            /** @enum {string|null} */
            verdict: "pass" | "fail" | "not_applicable" | null;
            version: number;
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
        StaffListDto: {
            items: components["schemas"]["StaffMemberDto"][];
        };
        StaffMemberDto: {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            labId: string;
            /** @example 张检验 */
            name: string;
            roles: ("tester" | "reviewer" | "signatory")[];
            /** @description the JWT `sub` of their lab token */
            sub: string;
            /** Format: date-time */
            updatedAt: string;
        };
        StoredItemDto: {
            /** @enum {string} */
            comparison: "full" | "rounded";
            /** @example PB */
            itemCode: string;
            /** @example 铅（以Pb计） */
            itemName: string;
            /** @description judged by the enterprise’s stricter declared standard, not the template’s limit */
            limitBasis: components["schemas"]["StoredLimitBasisDto"] | null;
            /** @description libs/domain LimitRule: range, not_detected or text */
            limitRule: {
                [key: string]: unknown;
            };
            /** @example ≤0.5 */
            limitText: string;
            method: string | null;
            notTestedReason: string | null;
            reason: components["schemas"]["LocalizedDto"] | null;
            roundingDigits: number | null;
            seq: number;
            unit: string | null;
            value: string | null;
            /** @description stored when the version is issued */
            verdict: string | null;
        };
        StoredLimitBasisDto: {
            /** @enum {string} */
            kind: "enterprise_standard";
            reference: string;
            /** @example ≤0.5 */
            templateLimit: string;
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
    OwnLabController_own: {
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
                    "application/json": components["schemas"]["LabDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReportController_chain: {
        parameters: {
            query: {
                sampleNo: string;
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
                    "application/json": components["schemas"]["ReportChainDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReportController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReportDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportDetailDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReportController_get: {
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
                    "application/json": components["schemas"]["ReportDetailDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReportController_amend: {
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
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportDetailDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReportController_issue: {
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
                    "application/json": components["schemas"]["ReportDetailDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReportController_putItems: {
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
                "application/json": components["schemas"]["PutItemsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportDetailDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReportController_return: {
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
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportDetailDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReportController_review: {
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
                    "application/json": components["schemas"]["ReportDetailDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReportController_submit: {
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
                    "application/json": components["schemas"]["ReportDetailDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReportController_batch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description also 200 for a replay */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchAnswerDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReportController_import: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description also 200 for a replay */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchAnswerDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReceiptController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page (`nextCursor`) */
                cursor?: string;
                limit?: unknown;
                /** @description received and past its test due date with no issued report */
                overdue?: boolean;
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
                    "application/json": components["schemas"]["LabSamplePageDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReceiptController_get: {
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
                    "application/json": components["schemas"]["LabSampleDetailDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReceiptController_receive: {
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
                "application/json": components["schemas"]["ReceiptDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArrivalDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    ReceiptController_reject: {
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
                "application/json": components["schemas"]["RejectionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArrivalDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    StaffController_me: {
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
                    "application/json": components["schemas"]["StaffMemberDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    StaffController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                labId: string;
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
                    "application/json": components["schemas"]["StaffListDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
    StaffController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                labId: string;
                sub: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutStaffDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffMemberDto"];
                };
            };
            /** @description invalid input, named by field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description role, staff role or four-eyes rule */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description absent, or another lab’s */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description not allowed in the current state */
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
